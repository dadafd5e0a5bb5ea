package io.teg.grid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridSettingsTest {

    @TempDir
    Path dir;

    private static final Path CONFIG = Path.of("..", "hazelcast-config");

    private Path copyWithKey(String name) throws IOException {
        Path yaml = dir.resolve(name);
        Files.copy(CONFIG.resolve(name), yaml);
        SiteKey.generate(new SecureRandom()).writePrivate(dir.resolve("site.key"));
        return yaml;
    }

    private Path write(String text) throws IOException {
        Path yaml = dir.resolve("grid.yaml");
        Files.writeString(yaml, text);
        return yaml;
    }

    @Test
    void shouldLoadTheEmbeddedDefaultWhenNoFileIsGiven() {
        GridSettings s = GridSettings.embedded();
        assertThat(s.member()).isNotNull();
        assertThat(s.member().getClusterName()).isEqualTo("teg-embedded");
        assertThat(s.member().getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isFalse();
        assertThat(s.siteKey().canSign()).isTrue();
    }

    @Test
    void shouldLoadTheShippedClusterFileWhenItsSiteKeyIsBesideIt() throws IOException {
        GridSettings s = GridSettings.load(copyWithKey("teg-cluster.yaml"));
        assertThat(s.member().getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).hasSize(3);
        assertThat(s.zones()).containsOnlyKeys("pod0", "pod1", "pod2");
        assertThat(s.zones().get("pod0").nodes()).hasSize(32);
        assertThat(s.metricsPort()).isEqualTo(9404);
        assertThat(s.member().getMapConfig(GridNames.JOURNAL).getBackupCount()).isEqualTo(1);
    }

    @Test
    void shouldLoadTheShippedClientFileWithANearCacheOnTheField() throws IOException {
        GridSettings s = GridSettings.load(copyWithKey("teg-client.yaml"));
        assertThat(s.client()).isNotNull();
        assertThat(s.client().getNearCacheConfig(GridNames.FIELD)).isNotNull();
        assertThat(s.client().getClusterName()).isEqualTo("teg-site-a");
        assertThat(s.zones()).as("the zones slurmctld leases on, in order").containsOnlyKeys("pod0", "pod1", "pod2");
    }

    @Test
    void shouldLoadTheCommentedExampleWhenItsSiteKeyIsBesideIt() throws IOException {
        GridSettings s = GridSettings.load(copyWithKey("teg-example.yaml"));
        assertThat(s.member()).isNotNull();
        assertThat(s.zones()).isNotEmpty();
    }

    @Test
    void shouldNameFileAndKeyWhenAKeyIsUnknown() throws IOException {
        Path yaml = write("""
                hazelcast:
                  cluster-name: teg-x
                  map:
                    teg-journal:
                      backup-count: 1
                      backups-per-minute: 3
                """);
        assertThatThrownBy(() -> GridSettings.load(yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(yaml.toString())
                .hasMessageContaining("backups-per-minute");
    }

    @Test
    void shouldNameTheFileWhenTheYamlIsMalformed() throws IOException {
        Path yaml = write("hazelcast:\n  cluster-name: [teg\n  map: {\n");
        assertThatThrownBy(() -> GridSettings.load(yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(yaml.toString());
    }

    @Test
    void shouldRefuseTheDefaultClusterNameWhenNoneIsSet() throws IOException {
        Path yaml = write("hazelcast:\n  properties:\n    hazelcast.jmx: \"true\"\n");
        assertThatThrownBy(() -> GridSettings.load(yaml))
                .hasMessage(yaml + ": hazelcast.cluster-name: set a cluster name for the site; Hazelcast's default 'dev' "
                        + "joins any stray cluster");
    }

    @Test
    void shouldRefuseAMemberWhenJmxIsOff() throws IOException {
        Path yaml = write("hazelcast:\n  cluster-name: teg-x\n");
        assertThatThrownBy(() -> GridSettings.load(yaml))
                .hasMessageStartingWith(yaml + ": hazelcast.properties.hazelcast.jmx: must be true");
    }

    @Test
    void shouldRefuseAJournalWithoutBackupWhenTheFileTurnsItOff() throws IOException {
        Path yaml = write("""
                hazelcast:
                  cluster-name: teg-x
                  properties:
                    hazelcast.jmx: "true"
                  map:
                    teg-journal:
                      backup-count: 0
                """);
        assertThatThrownBy(() -> GridSettings.load(yaml))
                .hasMessageStartingWith(yaml + ": hazelcast.map.teg-journal.backup-count: must be >= 1");
    }

    @Test
    void shouldRefuseMapsWithoutStatisticsWhenTheFileTurnsThemOff() throws IOException {
        Path yaml = write("""
                hazelcast:
                  cluster-name: teg-x
                  properties:
                    hazelcast.jmx: "true"
                  map:
                    teg-field:
                      statistics-enabled: false
                """);
        assertThatThrownBy(() -> GridSettings.load(yaml))
                .hasMessageStartingWith(yaml + ": hazelcast.map.teg-field.statistics-enabled: must be true");
    }

    @Test
    void shouldNameAnUnknownTegPropertyWhenOneIsSet() throws IOException {
        Path yaml = write("""
                hazelcast:
                  cluster-name: teg-x
                  properties:
                    hazelcast.jmx: "true"
                    teg.zone: "z0=4"
                """);
        assertThatThrownBy(() -> GridSettings.load(yaml))
                .hasMessageStartingWith(yaml + ": hazelcast.properties.teg.zone: unknown TEG property");
    }

    @Test
    void shouldNameTheZonesKeyWhenAZoneIsMalformed() throws IOException {
        Path yaml = write("""
                hazelcast:
                  cluster-name: teg-x
                  properties:
                    hazelcast.jmx: "true"
                    teg.zones: "z0=4,z1"
                """);
        assertThatThrownBy(() -> GridSettings.load(yaml))
                .hasMessage(yaml + ": hazelcast.properties.teg.zones: expected zone=nodes (nodes 1..4096), got 'z1'");
    }

    @Test
    void shouldRequireASiteKeyWhenMembersJoinEachOther() throws IOException {
        Path yaml = write("""
                hazelcast:
                  cluster-name: teg-x
                  properties:
                    hazelcast.jmx: "true"
                  network:
                    join:
                      tcp-ip:
                        enabled: true
                        member-list: [127.0.0.1]
                """);
        assertThatThrownBy(() -> GridSettings.load(yaml))
                .hasMessageStartingWith(yaml + ": hazelcast.properties.teg.site-key-file: required");
    }

    @Test
    void shouldNameTheKeyFileWhenItIsMissing() throws IOException {
        Path yaml = write("""
                hazelcast-client:
                  cluster-name: teg-x
                  properties:
                    teg.site-key-file: nowhere.key
                """);
        assertThatThrownBy(() -> GridSettings.load(yaml))
                .hasMessageStartingWith(yaml + ": hazelcast-client.properties.teg.site-key-file: ")
                .hasMessageContaining("nowhere.key");
    }
}
