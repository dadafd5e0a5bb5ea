package io.teg.ledger;

/**
 * The zone's GPUs as a complete binary tree of aligned blocks, so that a whale's fill-or-kill order for 2^k
 * contiguous GPUs is answered by one descent from the root, not by a search.
 *
 * <p>Leaves are GPU slots: slot {@code s} is GPU {@code s % gpusPerNode} of node {@code s / gpusPerNode}. Every
 * internal tree node covers an aligned block of 2^j slots (a pair of GPUs, a node of 8, a block of 8 nodes = 64 GPUs,
 * ...) and keeps two counts: the free slots below it, and the size of the largest <em>fully free aligned</em> block
 * below it, which is its own size when all of it is free and otherwise the larger of its children's. The root
 * therefore says at once whether a block of 2^k exists, and the descent to the leftmost one follows the child whose
 * count is large enough: O(log n). Allocating or freeing a whole block sets it with a lazy tag and updates counts up
 * the path: O(log n) (plus one mask word per node it spans). GPUs taken one node at a time (node bids) are chosen on
 * the node's bit mask and written back by rebuilding that node's small subtree and the path above it:
 * O(gpusPerNode + log n). Slots past the last node and GPUs a node lacks are used from the start and never freed.
 *
 * <p>Not thread-safe: owned by one {@link LedgerBook}, on the matcher thread.
 */
public final class BlockTree {

    private static final byte NONE = 0;
    private static final byte FREE = 1;
    private static final byte USED = 2;

    private final int nodeCount;
    private final int gpusPerNode;
    private final int logGpusPerNode;
    private final int leaves;
    private final int[] free;
    private final int[] largest;
    private final byte[] tag;
    private final long[] installed;
    private final long[] used;

    /**
     * A tree for {@code nodeCount} nodes of {@code gpusPerNode} slots, node i having {@code installedGpus[i]} GPUs
     * (its lowest slots); all installed GPUs start free.
     */
    public BlockTree(int nodeCount, int gpusPerNode, int[] installedGpus) {
        if (nodeCount < 1) throw new IllegalArgumentException("nodeCount must be >= 1, got " + nodeCount);
        if (gpusPerNode < 1 || gpusPerNode > 64 || Integer.bitCount(gpusPerNode) != 1)
            throw new IllegalArgumentException("gpusPerNode must be a power of two in 1..64, got " + gpusPerNode);
        if (installedGpus.length != nodeCount) throw new IllegalArgumentException("one installed count per node");
        long slots = (long) nodeCount * gpusPerNode;
        if (slots > (1L << 30)) throw new IllegalArgumentException("too many GPU slots: " + slots);
        for (int n = 0; n < nodeCount; n++)
            if (installedGpus[n] < 0 || installedGpus[n] > gpusPerNode)
                throw new IllegalArgumentException("node " + n + " has " + installedGpus[n] + " GPUs, slots " + gpusPerNode);
        this.nodeCount = nodeCount;
        this.gpusPerNode = gpusPerNode;
        this.logGpusPerNode = Integer.numberOfTrailingZeros(gpusPerNode);
        this.leaves = Integer.highestOneBit((int) slots) == slots ? (int) slots : Integer.highestOneBit((int) slots) << 1;
        this.free = new int[2 * leaves];
        this.largest = new int[2 * leaves];
        this.tag = new byte[leaves];
        this.installed = new long[nodeCount];
        this.used = new long[nodeCount];
        for (int n = 0; n < nodeCount; n++) installed[n] = installedGpus[n] == 64 ? -1L : (1L << installedGpus[n]) - 1;
        for (int s = 0; s < leaves; s++) {
            int node = s >> logGpusPerNode;
            int gpu = s & (gpusPerNode - 1);
            boolean installed = node < nodeCount && gpu < installedGpus[node];
            free[leaves + s] = installed ? 1 : 0;
            largest[leaves + s] = free[leaves + s];
        }
        for (int i = leaves - 1; i >= 1; i--) pull(i, sizeOf(i));
    }

    /** A tree of {@code nodeCount} nodes with all {@code gpusPerNode} GPUs installed. */
    public static BlockTree uniform(int nodeCount, int gpusPerNode) {
        int[] installed = new int[nodeCount];
        java.util.Arrays.fill(installed, gpusPerNode);
        return new BlockTree(nodeCount, gpusPerNode, installed);
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
     * O(log n). Allocates nothing.
     */
    public int findBlock(int size) {
        checkBlockSize(size);
        if (size > leaves || largest[1] < size) return -1;
        int i = 1;
        while (sizeOf(i) > size) {
            push(i);
            int left = 2 * i;
            i = largest[left] >= size ? left : left + 1;
        }
        return (i << Integer.numberOfTrailingZeros(size)) - leaves;
    }

    /**
     * Marks the aligned block of {@code size} slots from {@code firstSlot} used. O(log n).
     *
     * @throws IllegalStateException when some of it is not free
     */
    public void allocateBlock(int firstSlot, int size) {
        int idx = blockIndex(firstSlot, size);
        pushPath(idx);
        if (free[idx] != size) throw new IllegalStateException("block " + firstSlot + "+" + size + " is not free");
        setAll(idx, USED);
        pullToRoot(idx);
        markNodes(firstSlot, size, true);
    }

    /**
     * Marks the aligned block of {@code size} slots from {@code firstSlot} free again. O(log n).
     *
     * @throws IllegalStateException when some of it is free already
     */
    public void freeBlock(int firstSlot, int size) {
        int idx = blockIndex(firstSlot, size);
        pushPath(idx);
        if (free[idx] != 0) throw new IllegalStateException("block " + firstSlot + "+" + size + " is partly free");
        setAll(idx, FREE);
        pullToRoot(idx);
        markNodes(firstSlot, size, false);
    }

    /** Keeps the per-node masks in step with a whole block: O(nodes spanned). */
    private void markNodes(int firstSlot, int size, boolean toUsed) {
        int node = firstSlot >> logGpusPerNode;
        if (size >= gpusPerNode) {
            for (int n = node; n < node + (size >> logGpusPerNode); n++) used[n] = toUsed ? installed[n] : 0L;
        } else {
            long bits = ((1L << size) - 1) << (firstSlot & (gpusPerNode - 1));
            used[node] = toUsed ? used[node] | bits : used[node] & ~bits;
        }
    }

    /** Free GPUs on {@code node}. O(1). */
    public int freeOnNode(int node) {
        checkNode(node);
        return Long.bitCount(installed[node] & ~used[node]);
    }

    /** True when GPU slot {@code slot} is free. O(1). */
    public boolean isFree(int slot) {
        if (slot < 0 || slot >= leaves) throw new IllegalArgumentException("slot " + slot + " out of range");
        int node = slot >> logGpusPerNode;
        return node < nodeCount && ((installed[node] & ~used[node]) >>> (slot & (gpusPerNode - 1)) & 1L) != 0;
    }

    /**
     * Takes {@code count} free GPUs on {@code node}, best fit: at each level it takes from the half with fewer (but
     * some) free GPUs, so that larger aligned blocks stay whole for whales. The choice is made on the node's bit mask,
     * then the node's subtree is rebuilt once and the counts updated up the path: O(gpusPerNode + log n).
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
        rebuildNode(node);
        return taken;
    }

    /**
     * Marks the GPUs in {@code mask} on {@code node} used (replay and expansions). O(gpusPerNode + log n).
     *
     * @throws IllegalStateException when one of them is not free
     */
    public void allocateMask(int node, long mask) {
        checkMask(node, mask);
        if ((used[node] & mask) != 0 || (installed[node] & mask) != mask)
            throw new IllegalStateException("GPUs " + Long.toBinaryString(mask) + " of node " + node + " are not all free");
        used[node] |= mask;
        rebuildNode(node);
    }

    /**
     * Marks the GPUs in {@code mask} on {@code node} free. O(gpusPerNode + log n).
     *
     * @throws IllegalStateException when one of them is free already
     */
    public void freeMask(int node, long mask) {
        checkMask(node, mask);
        if ((used[node] & mask) != mask)
            throw new IllegalStateException("GPUs " + Long.toBinaryString(mask) + " of node " + node + " are partly free already");
        used[node] &= ~mask;
        rebuildNode(node);
    }

    /** The lowest-level choice of {@link #allocateOnNode}: one GPU of {@code freeMask} (non-zero), as a bit. */
    private static long bestFit(long freeMask, int size) {
        int lo = 0;
        while (size > 1) {
            int half = size >>> 1;
            long halfMask = half == 64 ? -1L : ((1L << half) - 1);
            int left = Long.bitCount((freeMask >>> lo) & halfMask);
            int right = Long.bitCount((freeMask >>> (lo + half)) & halfMask);
            if (left == 0 || (right != 0 && right < left)) lo += half;
            size = half;
        }
        return 1L << lo;
    }

    /**
     * Makes the node's subtree agree with {@code used[node]}: pushes any tag above it down, rewrites its leaves,
     * clears tags inside it, re-pulls its internal nodes, then the path to the root.
     */
    private void rebuildNode(int node) {
        int idx = nodeIndex(node);
        pushPath(idx);
        int base = leaves + (node << logGpusPerNode);
        long freeMask = installed[node] & ~used[node];
        for (int g = 0; g < gpusPerNode; g++) {
            int f = (int) ((freeMask >>> g) & 1L);
            free[base + g] = f;
            largest[base + g] = f;
        }
        int size = 2;
        for (int lo = base >> 1, hi = (base + gpusPerNode - 1) >> 1; lo >= idx && lo > 0; lo >>= 1, hi >>= 1, size <<= 1) {
            for (int i = lo; i <= hi; i++) {
                tag[i] = NONE;
                pull(i, size);
            }
            if (lo == idx) break;
        }
        pullToRoot(idx);
    }

    private void checkMask(int node, long mask) {
        checkNode(node);
        if (gpusPerNode < 64 && (mask >>> gpusPerNode) != 0)
            throw new IllegalArgumentException("mask " + Long.toBinaryString(mask) + " exceeds " + gpusPerNode + " GPUs");
    }

    private void checkNode(int node) {
        if (node < 0 || node >= nodeCount) throw new IllegalArgumentException("node " + node + " out of 0.." + (nodeCount - 1));
    }

    private void checkBlockSize(int size) {
        if (size < 1 || Integer.bitCount(size) != 1) throw new IllegalArgumentException("block size must be a power of two, got " + size);
    }

    private int blockIndex(int firstSlot, int size) {
        checkBlockSize(size);
        if (size > leaves || firstSlot < 0 || firstSlot + (long) size > leaves || (firstSlot & (size - 1)) != 0)
            throw new IllegalArgumentException("block " + firstSlot + "+" + size + " is not an aligned block of the tree");
        return (leaves + firstSlot) >> Integer.numberOfTrailingZeros(size);
    }

    private int nodeIndex(int node) {
        if (node < 0 || node >= nodeCount) throw new IllegalArgumentException("node " + node + " out of 0.." + (nodeCount - 1));
        return (leaves + (node << logGpusPerNode)) >> logGpusPerNode;
    }

    private static int depth(int i) {
        return 31 - Integer.numberOfLeadingZeros(i);
    }

    private int sizeOf(int i) {
        return leaves >> depth(i);
    }

    private void setAll(int i, byte to) {
        int v = to == FREE ? sizeOf(i) : 0;
        free[i] = v;
        largest[i] = v;
        if (i < leaves) tag[i] = to;
    }

    private void push(int i) {
        byte t = tag[i];
        if (t != NONE) {
            setAll(2 * i, t);
            setAll(2 * i + 1, t);
            tag[i] = NONE;
        }
    }

    /** Recomputes tree node {@code i}, which covers {@code size} slots, from its children. */
    private void pull(int i, int size) {
        int l = 2 * i;
        int f = free[l] + free[l + 1];
        free[i] = f;
        largest[i] = f == size ? size : Math.max(largest[l], largest[l + 1]);
    }

    private void pushPath(int target) {
        int d = depth(target);
        for (int k = 0; k < d; k++) push(target >> (d - k));
    }

    private void pullToRoot(int i) {
        int size = sizeOf(i);
        for (int j = i >> 1; j >= 1; j >>= 1) pull(j, size <<= 1);
    }
}
