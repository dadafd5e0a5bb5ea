package io.teg.ledger;

import java.util.Arrays;

/**
 * The ids of the single-node leases on each node, for picking an eviction victim without scanning the zone.
 * Order inside a node's list is not meaningful (removal swaps the last id in). Confined to the matcher thread.
 */
final class NodeLeases {

    private final long[][] ids;
    private final int[] counts;

    NodeLeases(int nodes) {
        ids = new long[nodes][4];
        counts = new int[nodes];
    }

    void add(int node, long id) {
        if (counts[node] == ids[node].length) ids[node] = Arrays.copyOf(ids[node], counts[node] * 2);
        ids[node][counts[node]++] = id;
    }

    void remove(int node, long id) {
        long[] list = ids[node];
        int n = counts[node];
        for (int i = 0; i < n; i++) {
            if (list[i] == id) {
                list[i] = list[n - 1];
                counts[node] = n - 1;
                return;
            }
        }
        throw new IllegalStateException("lease " + id + " is not on node " + node);
    }

    int count(int node) {
        return counts[node];
    }

    long id(int node, int i) {
        return ids[node][i];
    }
}
