package io.teg.node.daemon;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentConfigTest {

    private static final Path F = Path.of("teg-agent.conf");

    @Test
    void shouldUseTheDocumentedDefaultsWhenTheFileIsEmpty() {
        AgentConfig c = AgentConfig.parse(List.of("# nothing", ""), F);
        assertThat(c.sampleRateHz()).isEqualTo(10.0);
        assertThat(c.controlIntervalMillis()).isEqualTo(100);
        assertThat(c.airlock().reserveFraction()).isEqualTo(0.05);
        assertThat(c.airlock().evacuationTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.zramAllowed()).isFalse();
        assertThat(c.requeue()).isEqualTo("slurm");
        assertThat(c.memoryCapacityMiB()).isEmpty();
    }

    @Test
    void shouldReadEveryKindOfValueWhenWellFormed() {
        AgentConfig c = AgentConfig.parse(List.of("sample-rate-hz = 20", "memory.capacity-mib=4096", "zram.allowed=true",
                "evacuation.checkpoint-command=/usr/bin/ckpt --job {job}", "power.node-budget-watts=900"), F);
        assertThat(c.sampleRateHz()).isEqualTo(20.0);
        assertThat(c.memoryCapacityMiB()).contains(4096L);
        assertThat(c.zramAllowed()).isTrue();
        assertThat(c.checkpointCommand()).containsExactly("/usr/bin/ckpt", "--job", "{job}");
        assertThat(c.powerNodeBudgetWatts()).isEqualTo(900);
    }

    @Test
    void shouldReadTheZramSettingsAndNameTheKeyWhenOneIsMalformed() {
        AgentConfig c = AgentConfig.parse(List.of("zram.allowed=true", "zram.device=zram1", "zram.size-mib=512",
                "zram.algorithm=lz4", "zram.priority=5"), F);
        assertThat(c.zram()).isEqualTo(new io.teg.node.memory.ZramSettings("zram1", 512L << 20, "lz4", 5));
        assertThat(AgentConfig.defaults().zram()).isEqualTo(io.teg.node.memory.ZramSettings.DEFAULTS);
        assertThatThrownBy(() -> AgentConfig.parse(List.of("zram.device=sda"), F))
                .hasMessage("teg-agent.conf:1: zram.device: must be zram<N>, got 'sda'");
        assertThatThrownBy(() -> AgentConfig.parse(List.of("zram.algorithm=LZ4;rm"), F))
                .hasMessageStartingWith("teg-agent.conf:1: zram.algorithm: not an algorithm name");
        assertThatThrownBy(() -> AgentConfig.parse(List.of("zram.size-mib=0"), F))
                .hasMessage("teg-agent.conf:1: zram.size-mib: 0 is outside [1, 16777216]");
        assertThatThrownBy(() -> AgentConfig.parse(List.of("zram.priority=40000"), F))
                .hasMessage("teg-agent.conf:1: zram.priority: 40000 is outside [-1, 32767]");
    }

    @Test
    void shouldNameFileLineKeyAndReasonWhenAValueIsMalformed() {
        assertThatThrownBy(() -> AgentConfig.parse(List.of("# c", "sample-rate-hz=fast"), F))
                .isInstanceOf(AgentConfig.Invalid.class)
                .hasMessage("teg-agent.conf:2: sample-rate-hz: not a number: 'fast'");
        assertThatThrownBy(() -> AgentConfig.parse(List.of("control-interval-ms=0"), F))
                .hasMessage("teg-agent.conf:1: control-interval-ms: 0 is outside [1, 60000]");
        assertThatThrownBy(() -> AgentConfig.parse(List.of("zram.allowed=yes"), F))
                .hasMessage("teg-agent.conf:1: zram.allowed: must be true or false, got 'yes'");
        assertThatThrownBy(() -> AgentConfig.parse(List.of("evacuation.requeue=later"), F))
                .hasMessageStartingWith("teg-agent.conf:1: evacuation.requeue: must be 'slurm' or 'record'");
    }

    @Test
    void shouldRejectUnknownRepeatedAndKeylessLinesWhenParsing() {
        assertThatThrownBy(() -> AgentConfig.parse(List.of("sample-rate=10"), F))
                .hasMessageStartingWith("teg-agent.conf:1: sample-rate: unknown key");
        assertThatThrownBy(() -> AgentConfig.parse(List.of("batch-samples=5", "batch-samples=6"), F))
                .hasMessage("teg-agent.conf:2: batch-samples: set twice (first at line 1)");
        assertThatThrownBy(() -> AgentConfig.parse(List.of("just words"), F))
                .hasMessage("teg-agent.conf:1: expected key=value, got 'just words'");
    }

    @Test
    void shouldRejectAnExitLineAboveTheEnterLineWhenBothAreSet() {
        assertThatThrownBy(() -> AgentConfig.parse(List.of("airlock.glassy-enter-fraction=0.7", "airlock.glassy-exit-fraction=0.8"), F))
                .hasMessageStartingWith("teg-agent.conf:2: airlock.glassy-exit-fraction: glassyExitFraction must be in")
                .hasMessageContaining("glassyEnterFraction=0.7");
    }
}
