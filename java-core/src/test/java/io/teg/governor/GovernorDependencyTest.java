package io.teg.governor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package arrow of ARCHITECTURE §3: governor may use model (and, later, field and ledger); today it uses only
 * model, the JDK and Commons Math. Read from the compiled classes' constant pools, so that every referenced type
 * counts: classes, field and method descriptors, generic signatures.
 */
class GovernorDependencyTest {

    private static final List<String> ALLOWED = List.of("io/teg/governor/", "io/teg/model/", "java/",
            "org/apache/commons/math3/");
    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([A-Za-z0-9_$/]+)[;<]");

    @Test
    void shouldDependOnlyOnTheModelTheJdkAndCommonsMath() throws IOException, URISyntaxException {
        Path root = Path.of(Governor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> referenced = new TreeSet<>();
        List<Path> classFiles;
        try (Stream<Path> files = Files.list(root.resolve("io/teg/governor"))) {
            classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        for (Path file : classFiles) {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
            for (PoolEntry entry : model.constantPool()) {
                if (entry instanceof ClassEntry type) {
                    String name = type.asInternalName();
                    if (!name.startsWith("[")) referenced.add(name);
                    else collect(name, referenced);
                } else if (entry instanceof Utf8Entry text) {
                    collect(text.stringValue(), referenced);
                }
            }
        }

        assertThat(classFiles).hasSizeGreaterThan(10);
        assertThat(referenced).contains("io/teg/model/Level");
        assertThat(referenced).allSatisfy(name -> assertThat(ALLOWED).anySatisfy(p -> assertThat(name).startsWith(p)));
    }

    private static void collect(String text, Set<String> into) {
        Matcher m = DESCRIPTOR_TYPE.matcher(text);
        while (m.find()) if (m.group(1).contains("/")) into.add(m.group(1));
    }
}
