package io.teg.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package arrows of the architecture map (ARCHITECTURE.md section 3, kept true in docs/architecture.md): a
 * package may use only the packages listed for it. Anything else is a violation.
 */
class PackageArrowsTest {

    private static final List<String> TOP = List.of("model", "field", "agent", "ledger", "governor", "grid", "node",
            "gossip", "bridge", "sim", "cli");

    /** package -> the packages it may use (besides itself and libraries). */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("model", Set.of()),
            Map.entry("field", Set.of("model")),
            Map.entry("agent", Set.of("model", "field", "ledger")),
            Map.entry("ledger", Set.of("model")),
            Map.entry("governor", Set.of("model", "field", "ledger")),
            Map.entry("grid", Set.of("model", "field", "agent", "ledger", "governor")),
            Map.entry("node", Set.of("model")),
            Map.entry("gossip", Set.of("model")),
            Map.entry("bridge", Set.of("model", "agent", "ledger", "grid")),
            // sim -> node: the simulator drives the same memory airlock (io.teg.node.airlock) as the node agent
            Map.entry("sim", Set.of("model", "field", "agent", "ledger", "governor", "node")),
            Map.entry("cli", Set.copyOf(TOP)));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.teg");
    }

    @Test
    void shouldImportTheProductionClassesWhenScanningIoTeg() {
        assertThat(classes.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith("io.teg.sim")))
                .as("the scan must see the simulator, or the rules below prove nothing")
                .isNotEmpty();
    }

    @Test
    void shouldKeepEveryPackageToItsArrowsWhenItUsesOtherPackages() {
        for (String pkg : TOP) {
            Set<String> forbidden = new LinkedHashSet<>(TOP);
            forbidden.remove(pkg);
            forbidden.removeAll(ALLOWED.get(pkg));
            if (forbidden.isEmpty()) continue;
            String[] patterns = forbidden.stream().map(p -> "io.teg." + p + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("io.teg." + pkg + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(patterns)
                    .allowEmptyShould(true)
                    .because("ARCHITECTURE section 3: " + pkg + " may use only " + ALLOWED.get(pkg))
                    .check(classes);
        }
    }

    @Test
    void shouldHaveNoClassesOutsideTheMappedPackagesWhenScanned() {
        assertThat(classes.stream().map(c -> c.getPackageName())
                .filter(p -> TOP.stream().noneMatch(t -> p.equals("io.teg." + t) || p.startsWith("io.teg." + t + "."))))
                .as("every package belongs to one box of the map")
                .isEmpty();
    }
}
