package io.teg.sim.trace;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BundledDataChecksumTest {

    @Test
    void shouldMatchEverySha256SumWhenBundledFilesAreUnchanged() throws IOException, NoSuchAlgorithmException {
        Path data = BundledData.dataDir();
        List<String> lines = Files.readAllLines(data.resolve("SHA256SUMS")).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(8);
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+\\*?", 2);
            assertThat(parts).as("SHA256SUMS line '%s'", line).hasSize(2);
            Path file = data.resolve(parts[1]);
            assertThat(file).as("listed in SHA256SUMS").isRegularFile();
            assertThat(sha256(file)).as("SHA-256 of %s", parts[1]).isEqualTo(parts[0].toLowerCase());
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
