package io.teg.ledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BlockTreeProperties {

    @Property(tries = 300)
    void shouldAgreeWithABruteForceScanAfterRandomAllocationsAndFrees(@ForAll long seed,
                                                                      @ForAll @IntRange(min = 1, max = 300) int steps) {
        Random rnd = new Random(seed);
        int nodes = 1 + rnd.nextInt(12);
        int slots = 1 << rnd.nextInt(4);
        BlockTree tree = BlockTree.uniform(nodes, slots);
        boolean[] used = new boolean[nodes * slots];
        for (int s = 0; s < steps; s++) {
            int op = rnd.nextInt(4);
            int node = rnd.nextInt(nodes);
            if (op == 0) {
                int size = 1 << rnd.nextInt(Integer.numberOfTrailingZeros(Integer.highestOneBit(nodes * slots)) + 1);
                int first = tree.findBlock(size);
                assertThat(first).isEqualTo(leftmostFreeBlock(used, size));
                if (first >= 0) {
                    tree.allocateBlock(first, size);
                    for (int i = first; i < first + size; i++) used[i] = true;
                }
            } else if (op == 1) {
                int free = 0;
                for (int g = 0; g < slots; g++) if (!used[node * slots + g]) free++;
                assertThat(tree.freeOnNode(node)).isEqualTo(free);
                int count = free == 0 ? 0 : 1 + rnd.nextInt(free);
                long mask = tree.allocateOnNode(node, count);
                assertThat(Long.bitCount(mask)).isEqualTo(count);
                for (int g = 0; g < slots; g++) {
                    if ((mask & (1L << g)) != 0) {
                        assertThat(used[node * slots + g]).isFalse();
                        used[node * slots + g] = true;
                    }
                }
            } else {
                long mask = 0;
                for (int g = 0; g < slots; g++) if (used[node * slots + g] && rnd.nextBoolean()) mask |= 1L << g;
                tree.freeMask(node, mask);
                for (int g = 0; g < slots; g++) if ((mask & (1L << g)) != 0) used[node * slots + g] = false;
            }
            int free = 0;
            for (boolean u : used) if (!u) free++;
            assertThat(tree.freeGpus()).isEqualTo(free);
            assertThat(tree.largestFreeBlock()).isEqualTo(largestFreeBlock(used));
        }
    }

    private static int leftmostFreeBlock(boolean[] used, int size) {
        for (int first = 0; first + size <= used.length; first += size) {
            boolean free = true;
            for (int i = first; i < first + size && free; i++) free = !used[i];
            if (free) return first;
        }
        return -1;
    }

    private static int largestFreeBlock(boolean[] used) {
        int best = 0;
        for (int size = 1; size <= used.length; size <<= 1) if (leftmostFreeBlock(used, size) >= 0) best = size;
        return best;
    }
}
