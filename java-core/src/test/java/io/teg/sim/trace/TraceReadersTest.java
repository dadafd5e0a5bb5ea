package io.teg.sim.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceReadersTest {

    @TempDir
    Path dir;

    @Test
    void shouldPickSwfReaderWhenFileStartsWithSemicolonHeader() throws IOException {
        Trace trace = TraceReaders.read(BundledData.kth(), TraceOptions.defaults());

        assertThat(TraceReaders.readerFor(BundledData.kth(), TraceOptions.defaults())).isInstanceOf(SwfReader.class);
        assertThat(trace.size()).isEqualTo(28_467);
        assertThat(trace.source()).isEqualTo(BundledData.kth());
    }

    @Test
    void shouldPickAlibabaReaderWhenFileStartsWithNameHeader() throws IOException {
        Path pods = BundledData.alibaba("openb_pod_list_gpushare40.csv");

        Trace trace = TraceReaders.read(pods, TraceOptions.defaults());

        assertThat(TraceReaders.readerFor(pods, TraceOptions.defaults())).isInstanceOf(AlibabaTraceReader.class);
        assertThat(trace.diagnostics().recordsRead()).isEqualTo(8152);
        assertThat(trace.size()).isEqualTo(6226);
    }

    @Test
    void shouldPickSwfReaderWhenFirstLineIsANumberAfterBlankLines() throws IOException {
        Path file = dir.resolve("jobs.txt");
        Files.writeString(file, "\n   \n1 0 -1 30 2 -1 -1 2 60 -1 1 1 1 -1 1 -1 -1 -1\n");

        assertThat(TraceReaders.readerFor(file, TraceOptions.defaults())).isInstanceOf(SwfReader.class);
        assertThat(TraceReaders.read(file, TraceOptions.defaults()).size()).isEqualTo(1);
    }

    @Test
    void shouldNameThePathWhenFileIsMissing() {
        Path missing = dir.resolve("no-such-trace.swf");

        assertThatThrownBy(() -> TraceReaders.read(missing, TraceOptions.defaults()))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": trace file not found");
    }

    @Test
    void shouldNameFileAndLineWhenFormatIsUnknown() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "\nhello, world\n");

        assertThatThrownBy(() -> TraceReaders.read(file, TraceOptions.defaults()))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(file + ":2: unknown trace format");
    }

    @Test
    void shouldPointToNodesFileOptionWhenGivenANodeList() {
        Path nodes = BundledData.alibaba("openb_node_list_gpu_node.csv");

        assertThatThrownBy(() -> TraceReaders.read(nodes, TraceOptions.defaults()))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(nodes + ":1: this is an Alibaba node list")
                .hasMessageContaining("--nodes-file");
    }

    @Test
    void shouldRejectEmptyFileWhenNothingIsInIt() throws IOException {
        Path file = dir.resolve("empty.swf");
        Files.writeString(file, "\n\n");

        assertThatThrownBy(() -> TraceReaders.read(file, TraceOptions.defaults()))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage(file + ": empty trace file");
    }
}
