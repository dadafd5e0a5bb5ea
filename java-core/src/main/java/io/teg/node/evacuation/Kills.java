package io.teg.node.evacuation;

import io.teg.node.cgroup.CgroupController;
import io.teg.node.cgroup.CgroupPath;

/** Sends SIGKILL to every process of a cgroup, then thaws it so that frozen tasks can die. */
final class Kills {

    private Kills() {
    }

    static int killAll(CgroupController cgroups, CgroupPath cgroup) {
        int n = 0;
        for (long pid : cgroups.pids(cgroup)) {
            if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) n++;
        }
        cgroups.thaw(cgroup);
        return n;
    }
}
