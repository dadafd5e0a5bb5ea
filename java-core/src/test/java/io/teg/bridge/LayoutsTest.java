package io.teg.bridge;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class LayoutsTest {

    @Test
    void shouldSpeakTheAbiVersionOfTegBridgeHWhenCompiledFromTheSameSource() throws Exception {
        String header = Files.readString(LocalSlurm.root().resolve("slurm-plugin-c/teg_bridge.h"));
        Matcher m = Pattern.compile("#define TEG_ABI_VERSION (\\d+)u").matcher(header);

        assertThat(m.find()).isTrue();
        assertThat(Layouts.ABI_VERSION).isEqualTo(Integer.parseInt(m.group(1))).isEqualTo(Bootstrap.ABI_VERSION);
    }

    @Test
    void shouldHaveTheSizesThatTegBridgeHAssertsWhenLaidOut() throws Exception {
        String header = Files.readString(LocalSlurm.root().resolve("slurm-plugin-c/teg_bridge.h"));

        assertThat(header).contains("sizeof(teg_node_t) == " + Layouts.NODE.byteSize())
                .contains("sizeof(teg_job_request_t) == " + Layouts.JOB_REQUEST.byteSize())
                .contains("sizeof(teg_upcalls_t) == " + Layouts.UPCALLS.byteSize());
        assertThat(Layouts.NODE.byteSize()).isEqualTo(88);
        assertThat(Layouts.JOB_REQUEST.byteSize()).isEqualTo(184);
        assertThat(Layouts.UPCALLS.byteSize()).isEqualTo(64);
    }

    @Test
    void shouldPlaceEveryFieldAtTheOffsetCommentedInTegBridgeHWhenLaidOut() {
        assertThat(Layouts.NODE_NAME).isEqualTo(16);
        assertThat(Layouts.NODE_GPUS).isEqualTo(80);
        assertThat(Layouts.REQ_MEM).isEqualTo(24);
        assertThat(Layouts.REQ_TIME_LIMIT).isEqualTo(32);
        assertThat(Layouts.REQ_CANDIDATE_COUNT).isEqualTo(40);
        assertThat(Layouts.REQ_CANDIDATES).isEqualTo(48);
        assertThat(Layouts.REQ_RANKED).isEqualTo(56);
        assertThat(Layouts.REQ_BID).isEqualTo(64);
        assertThat(Layouts.REQ_SLA).isEqualTo(72);
        assertThat(Layouts.REQ_FREE_CPUS).isEqualTo(80);
        assertThat(Layouts.REQ_FREE_MEM).isEqualTo(88);
        assertThat(Layouts.REQ_CLASS).isEqualTo(96);
        assertThat(Layouts.REQ_FREE_GPUS).isEqualTo(168);
        assertThat(Layouts.REQ_GPUS_PER_NODE).isEqualTo(176);
        assertThat(Layouts.UP_SET_NODES).isEqualTo(8);
        assertThat(Layouts.UP_SHUTDOWN).isEqualTo(40);
        assertThat(Layouts.UP_JOB_OUTCOME).isEqualTo(48);
        assertThat(Layouts.UP_DRAIN).isEqualTo(56);
    }
}
