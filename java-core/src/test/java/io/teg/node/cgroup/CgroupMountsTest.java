package io.teg.node.cgroup;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CgroupMountsTest {

    private static final String HYBRID = """
            tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
            cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
            cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
            cgroup /sys/fs/cgroup/freezer cgroup rw,relatime,freezer 0 0
            cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0
            cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
            """;

    private static final String UNIFIED = """
            sysfs /sys sysfs rw,nosuid 0 0
            cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate 0 0
            """;

    @Test
    void shouldTakeMemoryFromV1AndFreezingFromV2WhenTheUnifiedTreeHasNoMemoryController() {
        CgroupMounts m = CgroupMounts.parse(HYBRID, root -> "");
        assertThat(m.v1()).containsEntry("memory", Path.of("/sys/fs/cgroup/memory"))
                .containsEntry("freezer", Path.of("/sys/fs/cgroup/freezer"));
        assertThat(m.v2Root()).contains(Path.of("/sys/fs/cgroup/unified"));
        assertThat(HybridCgroups.choose(m).describe())
                .isEqualTo("memory: v1 /sys/fs/cgroup/memory; freezer: v2 /sys/fs/cgroup/unified");
    }

    @Test
    void shouldTakeEverythingFromV2WhenTheUnifiedTreeOffersMemory() {
        CgroupMounts m = CgroupMounts.parse(UNIFIED, root -> "cpuset cpu io memory pids\n");
        assertThat(m.v2Controllers()).contains("memory");
        assertThat(HybridCgroups.choose(m).describe())
                .isEqualTo("memory: v2 /sys/fs/cgroup; freezer: v2 /sys/fs/cgroup");
    }

    @Test
    void shouldSayWhatIsMissingWhenNoMemoryControllerIsMounted() {
        CgroupMounts m = CgroupMounts.parse("cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n", root -> "cpu pids");
        assertThatThrownBy(() -> HybridCgroups.choose(m)).isInstanceOf(CgroupException.class)
                .hasMessageContaining("no memory controller");
    }

    @Test
    void shouldRejectPathsThatEscapeTheHierarchyWhenNamed() {
        assertThatThrownBy(() -> new CgroupPath("teg/../etc")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> new CgroupPath("/teg")).hasMessageContaining("relative");
        assertThat(new CgroupPath("slurm/uid_0/job_7").parent()).isEqualTo(new CgroupPath("slurm/uid_0"));
        assertThat(JobCgroups.jobId("job_7")).hasValue(7);
        assertThat(JobCgroups.jobId("step_0")).isEmpty();
    }
}
