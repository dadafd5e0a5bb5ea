package io.teg.ledger;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package arrow "ledger → model" (and libraries), checked on the compiled classes: every {@code io/teg/...}
 * name in any constant pool of {@code io.teg.ledger} must be in {@code io.teg.ledger} or {@code io.teg.model}.
 * Read with the JDK's class-file API, which follows the running release.
 */
class LedgerDependencyTest {

    private static final Pattern TEG_PACKAGE = Pattern.compile("io/teg/([a-z0-9_]+)/");

    @Test
    void shouldReferToNoTegPackageButModelWhenCompiled() throws IOException, URISyntaxException {
        Path dir = Path.of(LedgerBook.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("io/teg/ledger");
        List<Path> classFiles;
        try (Stream<Path> files = Files.list(dir)) {
            classFiles = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(classFiles).hasSizeGreaterThan(20);
        TreeSet<String> referenced = new TreeSet<>();
        List<String> offenders = new ArrayList<>();
        for (Path file : classFiles) {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
            for (PoolEntry entry : model.constantPool()) {
                if (!(entry instanceof Utf8Entry utf8)) continue;
                Matcher m = TEG_PACKAGE.matcher(utf8.stringValue());
                while (m.find()) {
                    referenced.add(m.group(1));
                    if (!m.group(1).equals("ledger") && !m.group(1).equals("model")) offenders.add(file.getFileName() + " → " + utf8.stringValue());
                }
            }
        }

        assertThat(offenders).isEmpty();
        assertThat(referenced).containsExactly("ledger", "model");
    }
}
