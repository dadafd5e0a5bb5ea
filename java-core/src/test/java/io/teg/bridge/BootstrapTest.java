package io.teg.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A grid client file that cannot be used leaves TEG placing with the local ledgers, and says why with the file. */
class BootstrapTest {

    @TempDir
    Path dir;

    private List<String> placeOneJob(Path gridFile) throws Exception {
        Path logFile = dir.resolve("decisions.log");
        DecisionLog log = DecisionLog.open(logFile);
        SlurmPlacement p = Bootstrap.placement(Map.of("decisionLog", logFile.toString(), "gridClient", gridFile.toString()),
                log, 1L);
        p.setNodes(List.of(new SlurmNode(0, "n1", 4, 800), new SlurmNode(1, "n2", 4, 800)));
        p.begin(7, 1000, new int[] {1}, new int[] {2});
        p.fini(7);
        p.close();
        log.drain(); // as the bridge thread's drain upcall does
        return Files.readAllLines(logFile);
    }

    @Test
    void shouldLeaseLocallyAndNameFileAndKeyWhenTheGridClientFileIsMalformed() throws Exception {
        Path bad = dir.resolve("teg-client.yaml");
        Files.writeString(bad, """
                hazelcast-client:
                  cluster-name: teg-site
                  properties:
                    teg.site-key-file: site.key
                    teg.zonez: "z0=16"
                """);

        List<String> lines = placeOneJob(bad);

        assertThat(lines).anyMatch(l -> l.startsWith("grid-config-error reason=\"" + bad + ": hazelcast-client.properties.teg.zonez: unknown TEG property"));
        assertThat(lines).contains("lease job=7 nodes=n2 cpus=2 fills=1 rejects=0 account=uid-1000",
                "settle job=7 leases=1 tax_burned_micros=0");
    }

    @Test
    void shouldLeaseLocallyWhenGridClientConfigNamesAMemberFile() throws Exception {
        Path member = LocalSlurm.root().resolve("hazelcast-config/teg-embedded.yaml");

        List<String> lines = placeOneJob(member);

        assertThat(lines).anyMatch(l -> l.startsWith("grid-config-error reason=\"" + member)
                && l.contains("GridClientConfig must name a hazelcast-client file"));
        assertThat(lines).contains("settle job=7 leases=1 tax_burned_micros=0");
    }
}
