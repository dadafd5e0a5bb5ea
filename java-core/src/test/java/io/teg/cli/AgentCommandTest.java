package io.teg.cli;

import io.teg.node.gpu.nvml.FakeNvml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AgentCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run teg(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TegCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldFailAtStartWithFileLineKeyAndReasonWhenTheConfigIsMalformed() throws Exception {
        Path conf = dir.resolve("teg-agent.conf");
        Files.writeString(conf, "sample-rate-hz=10\nairlock.reserve-fraction=half\n");
        Run r = teg("agent", "--config", conf.toString(), "--duration-s", "1");
        assertThat(r.code()).isEqualTo(TegCommand.USAGE);
        assertThat(r.err()).contains(conf + ":2: airlock.reserve-fraction: not a number: 'half'");
    }

    @Test
    void shouldOnlyReadTheGpusWhenProbingNvml() {
        try (FakeNvml fake = new FakeNvml()) {
            fake.configure("gpus=2,limit_mw=250000");
            Run r = teg("agent", "--probe-nvml", "--nvml-library", fake.path);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("2 GPU(s)", "GPU 1: GpuReading[index=1", "enforced limit 250000 mW");
            assertThat(fake.setCalls()).isZero();
        }
    }

    @Test
    void shouldSayNvmlIsNotUsableWhenProbingWithoutTheLibrary() {
        Run r = teg("agent", "--probe-nvml", "--nvml-library", dir.resolve("libnvidia-ml.so.1").toString());
        assertThat(r.code()).isEqualTo(TegCommand.USAGE);
        assertThat(r.err()).contains("NVML not usable", "libnvidia-ml.so.1");
    }
}
