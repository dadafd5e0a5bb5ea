package io.teg.cli.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds blocks of TCP ports that nothing listens on, for the daemons of a local cluster. */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /**
     * The first port {@code p >= from} such that {@code p .. p+count-1} can all be bound on every address (Slurm's
     * daemons bind the wildcard address). Blocks are tried in steps of {@code count}.
     */
    public static int freeBlock(int from, int count) {
        for (int p = from; p + count - 1 <= 65535; p += count) {
            if (allFree(p, count)) return p;
        }
        throw new IllegalStateException("no " + count + " free consecutive TCP ports at or above " + from);
    }

    private static boolean allFree(int first, int count) {
        for (int p = first; p < first + count; p++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress(p));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
