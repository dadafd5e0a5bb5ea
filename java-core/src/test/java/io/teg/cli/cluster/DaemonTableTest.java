package io.teg.cli.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DaemonTableTest {

    @Test
    void shouldReadDaemonsInStartOrderWhenAppendedOneByOne(@TempDir Path dir) throws Exception {
        DaemonTable t = new DaemonTable(dir.resolve("daemons"));
        assertThat(t.read()).isEmpty();
        t.append(new Daemon("munged", 10, 1000));
        t.append(new Daemon("slurmctld", 11, 1001));
        t.append(new Daemon("slurmd-n1", 12, 1002));
        assertThat(t.read()).containsExactly(new Daemon("munged", 10, 1000), new Daemon("slurmctld", 11, 1001),
                new Daemon("slurmd-n1", 12, 1002));
    }

    @Test
    void shouldNameFileAndLineWhenALineIsMalformed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("daemons");
        Files.writeString(f, "munged 10 1000\nslurmctld eleven 1001\n");
        assertThatThrownBy(() -> new DaemonTable(f).read())
                .hasMessage(f + ":2: PID and start time must be integers, got 'slurmctld eleven 1001'");
        Files.writeString(f, "munged 10\n");
        assertThatThrownBy(() -> new DaemonTable(f).read())
                .hasMessage(f + ":1: expected 'role pid started', got 'munged 10'");
        Files.writeString(f, "munged -3 7\n");
        assertThatThrownBy(() -> new DaemonTable(f).read())
                .hasMessage(f + ":1: daemon munged: PID -3 must be positive");
    }

    @Test
    void shouldNotClaimAProcessWhenItsStartTimeDiffers() {
        ProcessHandle self = ProcessHandle.current();
        Daemon same = Daemon.of("self", self);
        assertThat(same.process()).isPresent();
        Daemon reused = new Daemon("self", self.pid(), same.started() - 60_000);
        assertThat(reused.process()).as("same PID, other start time: another process").isEmpty();
    }
}
