package io.teg.grid;

import io.teg.field.FieldSnapshot;
import io.teg.field.Hyperparameters;
import io.teg.ledger.Bid;
import io.teg.ledger.Demand;
import io.teg.ledger.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteKeyTest {

    @TempDir
    Path dir;

    private final SiteKey site = SiteKey.generate(new SecureRandom());
    private final SiteKey rogue = SiteKey.generate(new SecureRandom());

    static FieldSnapshot field(long epoch) {
        return new FieldSnapshot(epoch, new Hyperparameters(1.0, 2.0, 0.1), 0.5, 0.01,
                new double[] {0, 1, 2}, new double[] {0, 0, 1}, new double[] {0.3, -0.2, 0.1}, new double[] {0, 0.01, 0});
    }

    @Test
    void shouldVerifyAFieldWhenTheSiteKeySignedIt() {
        SignedField f = SignedField.sign("z0", 1, field(7), site);
        assertThat(f.verifiedBy(site)).isTrue();
        assertThat(f.signature()).hasSize(SiteKey.SIGNATURE_BYTES);
    }

    @Test
    void shouldRejectAFieldWhenAnotherKeySignedIt() {
        assertThat(SignedField.sign("z0", 1, field(7), rogue).verifiedBy(site)).isFalse();
    }

    @Test
    void shouldRejectAFieldWhenItWasMovedToAnotherZoneOrEpoch() {
        SignedField f = SignedField.sign("z0", 1, field(7), site);
        assertThat(new SignedField("z1", 1, f.snapshot(), f.signature()).verifiedBy(site)).isFalse();
        assertThat(new SignedField("z0", 1, field(8), f.signature()).verifiedBy(site)).isFalse();
        assertThat(new SignedField("z0", 2, f.snapshot(), f.signature()).verifiedBy(site)).isFalse();
    }

    @Test
    void shouldRejectAnOrderWhenAnyFieldWasChangedAfterSigning() {
        Bid bid = Bid.perUnitSecond(42, "alice", Target.Nodes.of(Demand.of(4000, 1024, 2), 3, 7), 1500, 600, 1.0, 99);
        SignedOrder o = SignedOrder.sign("z0", "desk-a", 1, bid, site);
        assertThat(o.verifiedBy(site)).isTrue();
        assertThat(o.command()).isEqualTo(bid);
        assertThat(o.key()).isEqualTo("desk-a#1");
        SignedOrder otherSender = new SignedOrder(o.zone(), "desk-b", o.orderId(), o.kind(), o.jobId(), o.account(),
                o.candidates(), o.cpuMilli(), o.memMiB(), o.gpus(), o.blockGpus(), o.price(), o.durationS(), o.mass(),
                o.leaseId(), o.micros(), o.nowNanos(), o.signature());
        assertThat(otherSender.verifiedBy(site)).as("the order's identity is signed").isFalse();
        SignedOrder richer = new SignedOrder(o.zone(), o.sender(), o.orderId(), o.kind(), o.jobId(), "mallory", o.candidates(),
                o.cpuMilli(), o.memMiB(), o.gpus(), o.blockGpus(), o.price(), o.durationS(), o.mass(), o.leaseId(),
                o.micros(), o.nowNanos(), o.signature());
        assertThat(richer.verifiedBy(site)).isFalse();
        assertThat(SignedOrder.sign("z0", 1, bid, rogue).verifiedBy(site)).isFalse();
    }

    @Test
    void shouldReadBothHalvesBackWhenThePrivateFileWasWritten() throws IOException {
        Path priv = dir.resolve("site.key");
        Path pub = dir.resolve("site.pub");
        site.writePrivate(priv);
        site.writePublic(pub);
        SiteKey signer = SiteKey.read(priv);
        SiteKey reader = SiteKey.read(pub);
        assertThat(signer.canSign()).isTrue();
        assertThat(reader.canSign()).isFalse();
        byte[] msg = {1, 2, 3};
        assertThat(reader.verifies(msg, signer.sign(msg))).isTrue();
        assertThat(site.verifies(msg, signer.sign(msg))).isTrue();
    }

    @Test
    void shouldNameTheFileWhenAKeyFileIsMalformed() throws IOException {
        Path bad = dir.resolve("bad.key");
        Files.writeString(bad, "ed25519-public not-base64!\n");
        assertThatThrownBy(() -> SiteKey.read(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(bad + ": malformed ed25519-public key");
        Files.writeString(bad, "rsa AAAA\n");
        assertThatThrownBy(() -> SiteKey.read(bad)).hasMessageStartingWith(bad + ": expected 'ed25519-private");
    }
}
