package io.teg.cli.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobCompletionLogTest {

    private static final String LINE = "JobId=2 UserId=root(0) GroupId=root(0) Name=wrap JobState=COMPLETED Partition=main "
            + "TimeLimit=UNLIMITED StartTime=2026-11-22T11:22:07 EndTime=2026-11-22T11:22:08 NodeList=n[2-3] NodeCnt=2 "
            + "ProcCnt=4 WorkDir=/tmp ReservationName= Tres=cpu=4,mem=4G,node=1,billing=4 Account= QOS= WcKey= "
            + "Cluster=unknown SubmitTime=2026-11-22T11:22:05 EligibleTime=2026-11-22T11:22:05 DerivedExitCode=0:0 "
            + "ExitCode=0:0 ";

    @Test
    void shouldReadTimesNodesAndCpusWhenSlurmWroteTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("jobcomp.log");
        Files.writeString(f, LINE + "\n" + LINE.replace("JobId=2", "JobId=3").replace("COMPLETED", "CANCELLED") + "\n");
        var jobs = JobCompletionLog.read(f);
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).id()).isEqualTo(2);
        assertThat(jobs.get(0).state()).isEqualTo("COMPLETED");
        assertThat(jobs.get(0).nodeList()).isEqualTo("n[2-3]");
        assertThat(jobs.get(0).cpus()).isEqualTo(4);
        assertThat(jobs.get(0).waited()).isEqualTo(Duration.ofSeconds(2));
        assertThat(jobs.get(1).state()).isEqualTo("CANCELLED");
    }

    @Test
    void shouldReadNothingWhenNoJobHasFinishedYet(@TempDir Path dir) throws Exception {
        assertThat(JobCompletionLog.read(dir.resolve("jobcomp.log"))).isEmpty();
    }

    @Test
    void shouldNameLineAndFieldWhenALineIsBroken(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("jobcomp.log");
        Files.writeString(f, LINE + "\n" + LINE.replace("StartTime=2026-11-22T11:22:07", "StartTime=Unknown") + "\n");
        assertThatThrownBy(() -> JobCompletionLog.read(f))
                .hasMessage(f + ":2: StartTime=Unknown is not a time (yyyy-MM-ddTHH:mm:ss)");
        Files.writeString(f, LINE.replace("ProcCnt=4 ", "") + "\n");
        assertThatThrownBy(() -> JobCompletionLog.read(f)).hasMessage(f + ":1: no ProcCnt= field");
    }
}
