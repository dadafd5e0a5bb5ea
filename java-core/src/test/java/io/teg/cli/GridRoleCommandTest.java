package io.teg.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GridRoleCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldStopWithFileAndKeyWhenTheGridFileHasAnUnknownKey() throws IOException {
        Path yaml = dir.resolve("grid.yaml");
        Files.writeString(yaml, "hazelcast:\n  cluster-name: teg-x\n  netwrk:\n    port: 5701\n");
        Cli r = Cli.run("ledger", "--grid", yaml.toString());
        assertThat(r.exitCode()).isEqualTo(TegCommand.USAGE);
        assertThat(r.err()).startsWith("teg ledger: " + yaml).contains("netwrk");
    }

    @Test
    void shouldRefuseAClientFileWhenARoleNeedsAMember() throws IOException {
        Path yaml = dir.resolve("client.yaml");
        Files.writeString(yaml, "hazelcast-client:\n  cluster-name: teg-x\n  properties:\n    teg.site-key-file: k\n");
        Files.writeString(dir.resolve("k"), "ed25519-public MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n");
        Cli r = Cli.run("governor", "--grid", yaml.toString());
        assertThat(r.exitCode()).isEqualTo(TegCommand.USAGE);
        assertThat(r.err()).isEqualTo("teg governor: " + yaml + ": is a client file (hazelcast-client:); teg governor runs "
                + "a member (hazelcast:)\n");
    }

    @Test
    void shouldNameTheOptionWhenTheEpochIsNotPositive() {
        Cli r = Cli.run("governor", "--epoch-seconds", "0");
        assertThat(r.exitCode()).isEqualTo(TegCommand.USAGE);
        assertThat(r.err()).contains("--epoch-seconds must be >= 1, got 0");
    }
}
