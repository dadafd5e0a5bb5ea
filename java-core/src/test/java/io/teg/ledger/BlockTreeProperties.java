package io.teg.ledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BlockTreeProperties {

    private static final byte FREE = 0;
    private static final byte NODE = 1;
    private static final byte BLOCK = 2;
    private static final byte ABSENT = 3;

    @Property(tries = 500)
    void shouldAgreeWithABruteForceScanAfterRandomAllocationsAndFrees(@ForAll long seed,
                                                                      @ForAll @IntRange(min = 1, max = 300) int steps) {
        Random rnd = new Random(seed);
        int nodes = 1 + rnd.nextInt(12);
        int slots = 1 << rnd.nextInt(7);
        int[] installedGpus = new int[nodes];
        byte[] owner = new byte[nodes * slots];
        for (int n = 0; n < nodes; n++) {
            installedGpus[n] = rnd.nextInt(10) < 7 ? slots : rnd.nextInt(slots + 1);
            for (int g = installedGpus[n]; g < slots; g++) owner[n * slots + g] = ABSENT;
        }
        BlockTree tree = new BlockTree(nodes, slots, installedGpus);
        List<int[]> blocks = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            int node = rnd.nextInt(nodes);
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    int size = 1 << rnd.nextInt(Integer.numberOfTrailingZeros(Integer.highestOneBit(nodes * slots)) + 1);
                    int first = tree.findBlock(size);
                    assertThat(first).as("leftmost free block of %d", size).isEqualTo(leftmostFreeBlock(owner, size));
                    if (first >= 0) {
                        tree.allocateBlock(first, size);
                        for (int i = first; i < first + size; i++) owner[i] = BLOCK;
                        blocks.add(new int[] {first, size});
                    }
                }
                case 1 -> {
                    int free = 0;
                    for (int g = 0; g < slots; g++) if (owner[node * slots + g] == FREE) free++;
                    int count = free == 0 ? 0 : 1 + rnd.nextInt(free);
                    long mask = tree.allocateOnNode(node, count);
                    assertThat(Long.bitCount(mask)).isEqualTo(count);
                    for (int g = 0; g < slots; g++) {
                        if ((mask & (1L << g)) != 0) {
                            assertThat(owner[node * slots + g]).isEqualTo(FREE);
                            owner[node * slots + g] = NODE;
                        }
                    }
                }
                case 2 -> {
                    long mask = 0;
                    for (int g = 0; g < slots; g++) if (owner[node * slots + g] == NODE && rnd.nextBoolean()) mask |= 1L << g;
                    tree.freeMask(node, mask);
                    for (int g = 0; g < slots; g++) if ((mask & (1L << g)) != 0) owner[node * slots + g] = FREE;
                }
                default -> {
                    if (!blocks.isEmpty()) {
                        int[] b = blocks.remove(rnd.nextInt(blocks.size()));
                        tree.freeBlock(b[0], b[1]);
                        for (int i = b[0]; i < b[0] + b[1]; i++) owner[i] = FREE;
                    }
                }
            }
            int free = 0;
            for (int i = 0; i < owner.length; i++) {
                if (owner[i] == FREE) free++;
                assertThat(tree.isFree(i)).isEqualTo(owner[i] == FREE);
            }
            for (int n = 0; n < nodes; n++) {
                int f = 0;
                for (int g = 0; g < slots; g++) if (owner[n * slots + g] == FREE) f++;
                assertThat(tree.freeOnNode(n)).isEqualTo(f);
            }
            assertThat(tree.freeGpus()).isEqualTo(free);
            assertThat(tree.largestFreeBlock()).isEqualTo(largestFreeBlock(owner));
        }
    }

    private static int leftmostFreeBlock(byte[] owner, int size) {
        for (int first = 0; first + size <= owner.length; first += size) {
            boolean free = true;
            for (int i = first; i < first + size && free; i++) free = owner[i] == FREE;
            if (free) return first;
        }
        return -1;
    }

    private static int largestFreeBlock(byte[] owner) {
        int best = 0;
        for (int size = 1; size <= owner.length; size <<= 1) if (leftmostFreeBlock(owner, size) >= 0) best = size;
        return best;
    }
}
