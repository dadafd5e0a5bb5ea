package io.teg.sim.physics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GpuBoardPowerTest {

    @Test
    void shouldUseDatasheetFiguresWhenModelIsKnown() {
        assertThat(GpuBoardPower.of("V100M16").boardPowerW()).isEqualTo(300.0);
        assertThat(GpuBoardPower.of("V100M32").family()).isEqualTo("V100");
        assertThat(GpuBoardPower.of("P100").boardPowerW()).isEqualTo(250.0);
        assertThat(GpuBoardPower.of("t4").boardPowerW()).isEqualTo(70.0);
        assertThat(GpuBoardPower.of("A10").boardPowerW()).isEqualTo(150.0);
        assertThat(GpuBoardPower.of("T4").fromDatasheet()).isTrue();
    }

    @Test
    void shouldAssumeThreeHundredWattsWhenModelIsUnknown() {
        for (String m : new String[] {"G2", "G3", "A100", "", null}) {
            GpuBoardPower g = GpuBoardPower.of(m);
            assertThat(g.boardPowerW()).as(String.valueOf(m)).isEqualTo(300.0);
            assertThat(g.fromDatasheet()).isFalse();
            assertThat(g.family()).isEqualTo("unknown");
        }
    }
}
