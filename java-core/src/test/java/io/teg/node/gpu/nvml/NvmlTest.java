package io.teg.node.gpu.nvml;

import io.teg.node.gpu.GpuException;
import io.teg.node.gpu.GpuReading;
import io.teg.node.gpu.PowerConstraints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FFM binding driven against the fake libnvidia-ml built from test-doubles/nvml. */
class NvmlTest {

    private static FakeNvml fake;

    @BeforeAll
    static void load() {
        fake = new FakeNvml();
    }

    @AfterAll
    static void unload() {
        fake.close();
    }

    @Test
    void shouldReadEveryGpuThroughTheBindingWhenTheFakeHasTwo() {
        fake.configure("gpus=2,power_mw=120000,power_mw.1=210500,temp_c=55,temp_c.1=71,util=40,util.1=93");
        try (Nvml nvml = Nvml.open(fake.path)) {
            assertThat(nvml.count()).isEqualTo(2);
            assertThat(nvml.read(0)).isEqualTo(new GpuReading(0, 120000, 55, 40, 40));
            assertThat(nvml.read(1)).isEqualTo(new GpuReading(1, 210500, 71, 93, 93));
            assertThat(nvml.constraints(1)).isEqualTo(new PowerConstraints(100000, 300000));
            assertThat(nvml.enforcedLimitMilliwatts(1)).isEqualTo(250000);
            assertThat(nvml.describe()).contains("2 GPU(s)");
        }
    }

    @Test
    void shouldSetTheLimitWhenInsideTheConstraints() {
        fake.configure("gpus=1");
        try (Nvml nvml = Nvml.open(fake.path)) {
            nvml.setLimitMilliwatts(0, 180000);
            assertThat(nvml.enforcedLimitMilliwatts(0)).isEqualTo(180000);
            assertThat(fake.setCalls()).isEqualTo(1);
        }
    }

    @Test
    void shouldReportInvalidArgumentWhenTheLimitIsOutOfRange() {
        fake.configure("gpus=1,min_mw=100000,max_mw=300000");
        try (Nvml nvml = Nvml.open(fake.path)) {
            assertThatThrownBy(() -> nvml.setLimitMilliwatts(0, 350000)).isInstanceOfSatisfying(GpuException.class, e -> {
                assertThat(e.code()).isEqualTo(GpuException.INVALID_ARGUMENT);
                assertThat(e.getMessage()).contains("nvmlDeviceSetPowerManagementLimit", "GPU 0", "Invalid Argument");
            });
            assertThat(nvml.enforcedLimitMilliwatts(0)).isEqualTo(250000);
        }
    }

    @Test
    void shouldReportNoPermissionWhenTheCallerMayNotSetLimits() {
        fake.configure("gpus=1,no_permission=1");
        try (Nvml nvml = Nvml.open(fake.path)) {
            assertThatThrownBy(() -> nvml.setLimitMilliwatts(0, 200000)).isInstanceOfSatisfying(GpuException.class,
                    e -> assertThat(e.code()).isEqualTo(GpuException.NO_PERMISSION));
            assertThat(fake.setCalls()).isZero();
        }
    }

    @Test
    void shouldReportNotSupportedAndReadMinusOneWhenAGpuHasNoPowerManagement() {
        fake.configure("gpus=2,unsupported_gpu=1");
        try (Nvml nvml = Nvml.open(fake.path)) {
            assertThat(nvml.read(1).powerMilliwatts()).isEqualTo(-1);
            assertThat(nvml.read(1).temperatureCelsius()).isEqualTo(55);
            assertThatThrownBy(() -> nvml.constraints(1)).isInstanceOfSatisfying(GpuException.class,
                    e -> assertThat(e.code()).isEqualTo(GpuException.NOT_SUPPORTED));
            assertThat(nvml.constraints(0).maxMilliwatts()).isEqualTo(300000);
        }
    }

    @Test
    void shouldSayWhichLibraryIsMissingWhenItCannotBeLoaded() {
        assertThatThrownBy(() -> Nvml.open("/nonexistent/libnvidia-ml.so.1")).isInstanceOf(GpuException.class)
                .hasMessageContaining("/nonexistent/libnvidia-ml.so.1");
    }

    @Test
    void shouldRejectAnIndexOutsideTheGpuCountWhenAsked() {
        fake.configure("gpus=1");
        try (Nvml nvml = Nvml.open(fake.path)) {
            assertThatThrownBy(() -> nvml.read(3)).isInstanceOfSatisfying(GpuException.class,
                    e -> assertThat(e.code()).isEqualTo(GpuException.INVALID_ARGUMENT));
        }
    }
}
