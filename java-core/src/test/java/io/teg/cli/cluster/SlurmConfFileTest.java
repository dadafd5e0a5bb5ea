package io.teg.cli.cluster;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlurmConfFileTest {

    private static final Path DIR = Path.of("/srv/teg/target/cluster/c1");

    private static ClusterLayout layout(int nodes, SelectPlugin select, Optional<Path> plugins, Optional<Path> spank) {
        return new ClusterLayout("c1", DIR, nodes, 4, 4096, 27000, 27001, select, ClusterLayout.DEBIAN_PLUGIN_DIR,
                plugins, spank, "vm");
    }

    @Test
    void shouldPutEveryNodeOnLoopbackWithItsOwnPortWhenRendered() {
        String conf = SlurmConfFile.render(layout(16, SelectPlugin.CONS_TRES, Optional.empty(), Optional.empty()));
        assertThat(conf.lines()).contains(
                "NodeName=n[1-16] NodeAddr=127.0.0.1 Port=[27001-27016] CPUs=4 RealMemory=4096 State=UNKNOWN",
                "SlurmctldHost=vm(127.0.0.1)",
                "SlurmctldPort=27000",
                "SlurmdParameters=config_overrides",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core_Memory",
                "DefMemPerCPU=1024",
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "PluginDir=/usr/lib/x86_64-linux-gnu/slurm-wlm",
                "AuthInfo=socket=/srv/teg/target/cluster/c1/munge/munge.socket",
                "StateSaveLocation=/srv/teg/target/cluster/c1/state",
                "SlurmdSpoolDir=/srv/teg/target/cluster/c1/spool/%n");
        assertThat(conf).doesNotContain("PlugStackConfig");
    }

    @Test
    void shouldAddOurPluginDirAndPlugstackWhenTegIsBuilt() {
        Path ours = Path.of("/srv/teg/target/native/slurm-plugin-c");
        ClusterLayout l = layout(2, SelectPlugin.TEG, Optional.of(ours), Optional.of(ours.resolve("spank_teg.so")));
        String conf = SlurmConfFile.render(l);
        assertThat(conf.lines()).contains(
                "SelectType=select/teg",
                "PluginDir=/usr/lib/x86_64-linux-gnu/slurm-wlm:/srv/teg/target/native/slurm-plugin-c",
                "PlugStackConfig=/srv/teg/target/cluster/c1/plugstack.conf",
                "NodeName=n[1-2] NodeAddr=127.0.0.1 Port=[27001-27002] CPUs=4 RealMemory=4096 State=UNKNOWN");
        assertThat(SlurmConfFile.plugstack(l)).contains("required /srv/teg/target/native/slurm-plugin-c/spank_teg.so\n");
    }

    @Test
    void shouldWriteASinglePortWhenTheClusterHasOneNode() {
        String conf = SlurmConfFile.render(layout(1, SelectPlugin.CONS_TRES, Optional.empty(), Optional.empty()));
        assertThat(conf).contains("NodeName=n1 NodeAddr=127.0.0.1 Port=27001 CPUs=4");
    }

    @Test
    void shouldReadBackTheSameLayoutWhenParsingWhatItRendered() {
        Path ours = Path.of("/srv/teg/target/native/slurm-plugin-c");
        for (ClusterLayout l : new ClusterLayout[] {
                layout(1, SelectPlugin.CONS_TRES, Optional.empty(), Optional.empty()),
                layout(64, SelectPlugin.CONS_TRES, Optional.of(ours), Optional.of(ours.resolve("spank_teg.so"))),
                layout(16, SelectPlugin.TEG, Optional.of(ours), Optional.empty())}) {
            assertThat(SlurmConfFile.parseLayout("c1", DIR, SlurmConfFile.render(l))).isEqualTo(l);
        }
    }

    @Test
    void shouldNameTheMissingKeyWhenTheConfIsNotOurs() {
        assertThatThrownBy(() -> SlurmConfFile.parseLayout("c1", DIR, "ClusterName=x\nSlurmctldPort=6817\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("/srv/teg/target/cluster/c1/slurm.conf: no NodeName= line (not written by 'teg cluster up'?)");
    }

    @Test
    void shouldRefuseALayoutWhenItsPortsOverlapOrRunOut() {
        assertThatThrownBy(() -> new ClusterLayout("c1", DIR, 4, 4, 4096, 27002, 27001, SelectPlugin.CONS_TRES,
                ClusterLayout.DEBIAN_PLUGIN_DIR, Optional.empty(), Optional.empty(), "vm"))
                .hasMessage("controller port 27002 overlaps the node ports 27001..27004");
        assertThatThrownBy(() -> new ClusterLayout("c1", DIR, 100, 4, 4096, 1025, 65500, SelectPlugin.CONS_TRES,
                ClusterLayout.DEBIAN_PLUGIN_DIR, Optional.empty(), Optional.empty(), "vm"))
                .hasMessage("node ports 65500..65599: must lie in 1024..65535");
        assertThatThrownBy(() -> layout(0, SelectPlugin.CONS_TRES, Optional.empty(), Optional.empty()))
                .hasMessage("--nodes=0: must be at least 1");
        assertThatThrownBy(() -> layout(2, SelectPlugin.TEG, Optional.empty(), Optional.empty()))
                .hasMessage("--select=teg needs the directory with select_teg.so");
        assertThatThrownBy(() -> SelectPlugin.parse("linear"))
                .hasMessage("--select=linear: expected teg or cons_tres");
    }
}
