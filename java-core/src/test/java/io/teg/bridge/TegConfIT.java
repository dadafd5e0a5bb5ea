package io.teg.bridge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A malformed teg.conf stops slurmctld at start-up, naming file, line and reason. */
class TegConfIT {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DecisionTimeout=abc|DecisionTimeout=abc: expected milliseconds in [0.001, 60000]",
            "Decisiontimeot=20|unknown key \"Decisiontimeot\"",
            "JvmHeap=12|JvmHeap=12: expected MiB in [32, 1048576]",
            "HandOffPoll=2000|HandOffPoll=2000: expected milliseconds in [0, 1000]",
            "Enabled|expected Key=Value, found \"Enabled\"",
            "GridClientConfig=teg-client.yaml|GridClientConfig=teg-client.yaml: expected an absolute path",
            "GridClientConfig=/nonexistent/teg-client.yaml|GridClientConfig=/nonexistent/teg-client.yaml: cannot be read: "
                    + "No such file or directory"})
    void shouldStopSlurmctldWithFileLineAndReasonWhenTegConfIsMalformed(String badLine, String reason) throws Exception {
        String conf = "# line 1\nEnabled=yes\n" + badLine + "\n";
        try (LocalSlurm slurm = LocalSlurm.create("teg-conf", 1, 2, conf)) {
            slurm.startMunge();

            LocalSlurm.Result r = slurm.runControllerForeground(Duration.ofSeconds(60));

            assertThat(r.status()).as("slurmctld exit status").isNotZero();
            assertThat(slurm.log()).contains("fatal: select/teg: bad teg.conf: " + slurm.tegConf + ":3: " + reason);
        }
    }
}
