package io.teg.ledger;

import java.util.Arrays;

/**
 * The zone's GPUs as a complete binary tree of aligned blocks, so that a whale's fill-or-kill order for 2^k
 * contiguous GPUs is answered by one descent from the root, not by a search.
 *
 * <p>GPU slot {@code s} is GPU {@code s % gpusPerNode} of node {@code s / gpusPerNode}. The tree's leaves are the
 * nodes; each leaf holds its node's GPU bit mask, and every tree node keeps two counts over the aligned block of GPUs
 * below it: the free GPUs, and the size of the largest <em>fully free aligned</em> block, which is its own size when
 * all of it is free and otherwise the larger of its children's. Inside a leaf the same count is read off the mask
 * with a few AND-folds (pairs, quads, octets ...). The root therefore says at once whether a block of 2^k exists, and
 * the descent to the leftmost one follows the child whose count is large enough, then, below one node's worth, the
 * lowest aligned run in the leaf's mask: O(log n) in all.
 *
 * <p>Updates: GPUs taken or given back on one node (node bids, expansions, releases) change one leaf and the counts on
 * its path to the root, O(log n); a whole block of k nodes changes k leaves and their O(k + log n) ancestors. GPUs a
 * node lacks, and leaves past the last node, are never free.
 *
 * <p>Not thread-safe: owned by one {@link LedgerBook}, on the matcher thread.
 */
public final class BlockTree {

    private final int nodeCount;
    private final int gpusPerNode;
    private final int logGpusPerNode;
    private final int leafBase;
    private final long[] installed;
    private final long[] used;
    private final int[] free;
    private final int[] largest;

    /**
     * A tree for {@code nodeCount} nodes of {@code gpusPerNode} slots, node i having {@code installedGpus[i]} GPUs
     * (its lowest slots); all installed GPUs start free.
     */
    public BlockTree(int nodeCount, int gpusPerNode, int[] installedGpus) {
        if (nodeCount < 1) throw new IllegalArgumentException("nodeCount must be >= 1, got " + nodeCount);
        if (gpusPerNode < 1 || gpusPerNode > 64 || Integer.bitCount(gpusPerNode) != 1)
            throw new IllegalArgumentException("gpusPerNode must be a power of two in 1..64, got " + gpusPerNode);
        if (installedGpus.length != nodeCount) throw new IllegalArgumentException("one installed count per node");
        if ((long) nodeCount * gpusPerNode > (1L << 30)) throw new IllegalArgumentException("too many GPU slots");
        this.nodeCount = nodeCount;
        this.gpusPerNode = gpusPerNode;
        this.logGpusPerNode = Integer.numberOfTrailingZeros(gpusPerNode);
        this.leafBase = Integer.highestOneBit(nodeCount) == nodeCount ? nodeCount : Integer.highestOneBit(nodeCount) << 1;
        this.installed = new long[nodeCount];
        this.used = new long[nodeCount];
        this.free = new int[2 * leafBase];
        this.largest = new int[2 * leafBase];
        for (int n = 0; n < nodeCount; n++) {
            int g = installedGpus[n];
            if (g < 0 || g > gpusPerNode) throw new IllegalArgumentException("node " + n + " has " + g + " GPUs, slots " + gpusPerNode);
            installed[n] = g == 64 ? -1L : (1L << g) - 1;
            writeLeaf(n);
        }
        for (int i = leafBase - 1; i >= 1; i--) pull(i);
    }

    /** A tree of {@code nodeCount} nodes with all {@code gpusPerNode} GPUs installed. */
    public static BlockTree uniform(int nodeCount, int gpusPerNode) {
        int[] all = new int[nodeCount];
        Arrays.fill(all, gpusPerNode);
        return new BlockTree(nodeCount, gpusPerNode, all);
    }

    /** GPU slots per node. */
    public int gpusPerNode() {
        return gpusPerNode;
    }

    /** Nodes covered. */
    public int nodeCount() {
        return nodeCount;
    }

    /** Free GPUs in the whole zone, O(1). */
    public int freeGpus() {
        return free[1];
    }

    /** The size of the largest fully free aligned block, 0 when no GPU is free, O(1). */
    public int largestFreeBlock() {
        return largest[1];
    }

    /**
     * The first slot of the leftmost fully free aligned block of {@code size} GPUs, or -1 when there is none.
     * O(log n); reads only.
     */
    public int findBlock(int size) {
        checkBlockSize(size);
        if (largest[1] < size) return -1;
        int i = 1;
        int span = leafBase * gpusPerNode;
        while (i < leafBase && span > size) {
            int left = 2 * i;
            i = largest[left] >= size ? left : left + 1;
            span >>= 1;
        }
        if (i < leafBase) return (i << Integer.numberOfTrailingZeros(span)) - leafBase * gpusPerNode;
        int node = i - leafBase;
        return (node << logGpusPerNode) + Long.numberOfTrailingZeros(alignedRuns(installed[node] & ~used[node], size));
    }

    /**
     * Marks the aligned block of {@code size} slots from {@code firstSlot} used. O(k + log n) for a block of k nodes.
     *
     * @throws IllegalStateException when some of it is not free
     */
    public void allocateBlock(int firstSlot, int size) {
        checkAlignedBlock(firstSlot, size);
        if (freeIn(firstSlot, size) != size) throw new IllegalStateException("block " + firstSlot + "+" + size + " is not free");
        setBlock(firstSlot, size, true);
    }

    /**
     * Marks the aligned block of {@code size} slots from {@code firstSlot} free again. O(k + log n) for a block of k
     * nodes.
     *
     * @throws IllegalStateException when some of it is free already
     */
    public void freeBlock(int firstSlot, int size) {
        checkAlignedBlock(firstSlot, size);
        if (freeIn(firstSlot, size) != 0) throw new IllegalStateException("block " + firstSlot + "+" + size + " is partly free");
        setBlock(firstSlot, size, false);
    }

    /** Free GPUs on {@code node}. O(1). */
    public int freeOnNode(int node) {
        checkNode(node);
        return Long.bitCount(installed[node] & ~used[node]);
    }

    /** True when GPU slot {@code slot} is free. O(1). */
    public boolean isFree(int slot) {
        if (slot < 0) throw new IllegalArgumentException("slot " + slot + " out of range");
        int node = slot >> logGpusPerNode;
        return node < nodeCount && ((installed[node] & ~used[node]) >>> (slot & (gpusPerNode - 1)) & 1L) != 0;
    }

    /**
     * Takes {@code count} free GPUs on {@code node}, best fit: at each level it takes from the half with fewer (but
     * some) free GPUs, so that larger aligned blocks stay whole for whales. O(count · log gpusPerNode + log n).
     *
     * @return the GPUs taken, bit i = GPU i of the node
     * @throws IllegalStateException when the node has fewer than {@code count} free
     */
    public long allocateOnNode(int node, int count) {
        checkNode(node);
        long freeMask = installed[node] & ~used[node];
        if (count < 0 || Long.bitCount(freeMask) < count)
            throw new IllegalStateException("node " + node + " has " + Long.bitCount(freeMask) + " free GPUs, asked " + count);
        long taken = 0;
        for (int k = 0; k < count; k++) {
            long bit = bestFit(freeMask, gpusPerNode);
            taken |= bit;
            freeMask &= ~bit;
        }
        used[node] |= taken;
        updateLeaf(node);
        return taken;
    }

    /**
     * Marks the GPUs in {@code mask} on {@code node} used (replay and expansions). O(log n).
     *
     * @throws IllegalStateException when one of them is not free
     */
    public void allocateMask(int node, long mask) {
        checkMask(node, mask);
        if ((used[node] & mask) != 0 || (installed[node] & mask) != mask)
            throw new IllegalStateException("GPUs " + Long.toBinaryString(mask) + " of node " + node + " are not all free");
        used[node] |= mask;
        updateLeaf(node);
    }

    /**
     * Marks the GPUs in {@code mask} on {@code node} free. O(log n).
     *
     * @throws IllegalStateException when one of them is free already
     */
    public void freeMask(int node, long mask) {
        checkMask(node, mask);
        if ((used[node] & mask) != mask)
            throw new IllegalStateException("GPUs " + Long.toBinaryString(mask) + " of node " + node + " are partly free already");
        used[node] &= ~mask;
        updateLeaf(node);
    }

    // ---------------------------------------------------------------- internals

    /** The start bits of every fully free aligned run of {@code size} GPUs in {@code freeMask}. */
    private long alignedRuns(long freeMask, int size) {
        long runs = freeMask;
        for (int s = 1; s < size; s <<= 1) runs &= runs >>> s;
        return runs & alignedStarts(Integer.numberOfTrailingZeros(size));
    }

    /** Bits at the multiples of 2^k, 0 &le; k &le; 6. */
    private static long alignedStarts(int k) {
        return switch (k) {
            case 0 -> -1L;
            case 1 -> 0x5555_5555_5555_5555L;
            case 2 -> 0x1111_1111_1111_1111L;
            case 3 -> 0x0101_0101_0101_0101L;
            case 4 -> 0x0001_0001_0001_0001L;
            case 5 -> 0x0000_0001_0000_0001L;
            default -> 1L;
        };
    }

    /** One GPU of {@code freeMask} (non-zero) chosen best fit within a node of {@code size} slots, as a bit. */
    private static long bestFit(long freeMask, int size) {
        int lo = 0;
        while (size > 1) {
            int half = size >>> 1;
            long halfMask = (1L << half) - 1;
            int left = Long.bitCount((freeMask >>> lo) & halfMask);
            int right = Long.bitCount((freeMask >>> (lo + half)) & halfMask);
            if (left == 0 || (right != 0 && right < left)) lo += half;
            size = half;
        }
        return 1L << lo;
    }

    private int freeIn(int firstSlot, int size) {
        int node = firstSlot >> logGpusPerNode;
        if (size < gpusPerNode) {
            long bits = ((1L << size) - 1) << (firstSlot & (gpusPerNode - 1));
            return Long.bitCount(installed[node] & ~used[node] & bits);
        }
        return free[(leafBase + node) >> Integer.numberOfTrailingZeros(size >> logGpusPerNode)];
    }

    private void setBlock(int firstSlot, int size, boolean toUsed) {
        int node = firstSlot >> logGpusPerNode;
        if (size < gpusPerNode) {
            long bits = ((1L << size) - 1) << (firstSlot & (gpusPerNode - 1));
            used[node] = toUsed ? used[node] | bits : used[node] & ~bits;
            updateLeaf(node);
            return;
        }
        int nodes = size >> logGpusPerNode;
        for (int n = node; n < node + nodes; n++) {
            used[n] = toUsed ? installed[n] : 0L;
            writeLeaf(n);
        }
        for (int lo = (leafBase + node) >> 1, hi = (leafBase + node + nodes - 1) >> 1; lo >= 1; lo >>= 1, hi >>= 1)
            for (int i = lo; i <= hi; i++) pull(i);
    }

    private void updateLeaf(int node) {
        writeLeaf(node);
        for (int i = (leafBase + node) >> 1; i >= 1; i >>= 1) pull(i);
    }

    private void writeLeaf(int node) {
        long freeMask = installed[node] & ~used[node];
        int i = leafBase + node;
        free[i] = Long.bitCount(freeMask);
        int best = 0;
        long runs = freeMask;
        for (int s = 1; runs != 0; s <<= 1) {
            if ((runs & alignedStarts(Integer.numberOfTrailingZeros(s))) != 0) best = s;
            if (s == gpusPerNode) break;
            runs &= runs >>> s;
        }
        largest[i] = best;
    }

    /** Recomputes tree node {@code i} from its children. */
    private void pull(int i) {
        int l = 2 * i;
        int f = free[l] + free[l + 1];
        free[i] = f;
        int size = (leafBase >> (31 - Integer.numberOfLeadingZeros(i))) << logGpusPerNode;
        largest[i] = f == size ? size : Math.max(largest[l], largest[l + 1]);
    }

    private void checkBlockSize(int size) {
        if (size < 1 || Integer.bitCount(size) != 1) throw new IllegalArgumentException("block size must be a power of two, got " + size);
    }

    private void checkAlignedBlock(int firstSlot, int size) {
        checkBlockSize(size);
        if (firstSlot < 0 || (firstSlot & (size - 1)) != 0 || firstSlot + (long) size > (long) nodeCount * gpusPerNode)
            throw new IllegalArgumentException("block " + firstSlot + "+" + size + " is not an aligned block of the zone");
    }

    private void checkMask(int node, long mask) {
        checkNode(node);
        if (gpusPerNode < 64 && (mask >>> gpusPerNode) != 0)
            throw new IllegalArgumentException("mask " + Long.toBinaryString(mask) + " exceeds " + gpusPerNode + " GPUs");
    }

    private void checkNode(int node) {
        if (node < 0 || node >= nodeCount) throw new IllegalArgumentException("node " + node + " out of 0.." + (nodeCount - 1));
    }
}
