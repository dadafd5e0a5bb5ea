package io.teg.grid;

import io.teg.field.FieldSnapshot;
import io.teg.field.Hyperparameters;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One zone's {@link FieldSnapshot} as the governor publishes it on the grid (map {@code teg-field}, key = zone),
 * with the Ed25519 signature of the site key over {@link #signedBytes()}. Immutable.
 *
 * <p>The signed bytes are a fixed big-endian layout of every number the snapshot carries (doubles as IEEE-754 bits),
 * preceded by a version tag, the zone and the governor's term, so that a signature for one zone, epoch or term cannot
 * be replayed for another.
 *
 * @param zone the zone the field belongs to
 * @param governorTerm the election term of the governor that published it (&ge; 1)
 * @param snapshot the field
 * @param signature 64 bytes
 */
public record SignedField(String zone, long governorTerm, FieldSnapshot snapshot, byte[] signature) {

    private static final String LAYOUT = "teg-field/1";

    public SignedField {
        if (zone == null || zone.isBlank()) throw new IllegalArgumentException("zone must not be blank");
        if (snapshot == null || signature == null) throw new IllegalArgumentException("snapshot and signature are required");
        signature = signature.clone();
    }

    /** Signs {@code snapshot} for {@code zone} with {@code key}. */
    public static SignedField sign(String zone, long governorTerm, FieldSnapshot snapshot, SiteKey key) {
        return new SignedField(zone, governorTerm, snapshot, key.sign(signedBytes(zone, governorTerm, snapshot)));
    }

    /** True when {@code key} verifies the signature over this field's bytes. */
    public boolean verifiedBy(SiteKey key) {
        return key.verifies(signedBytes(), signature);
    }

    /** The bytes the signature covers. */
    public byte[] signedBytes() {
        return signedBytes(zone, governorTerm, snapshot);
    }

    static byte[] signedBytes(String zone, long term, FieldSnapshot s) {
        int m = s.inducingPointCount();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 32 * m);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(LAYOUT);
            byte[] z = zone.getBytes(StandardCharsets.UTF_8);
            out.writeInt(z.length);
            out.write(z);
            out.writeLong(term);
            out.writeLong(s.epoch());
            Hyperparameters h = s.hyperparameters();
            out.writeDouble(h.signalVariance());
            out.writeDouble(h.lengthScaleM());
            out.writeDouble(h.noiseVariance());
            out.writeDouble(s.mean());
            out.writeDouble(s.meanRate());
            out.writeInt(m);
            for (int i = 0; i < m; i++) {
                out.writeDouble(s.inducingX(i));
                out.writeDouble(s.inducingY(i));
                out.writeDouble(s.weight(i));
                out.writeDouble(s.weightRate(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedField f && zone.equals(f.zone) && governorTerm == f.governorTerm
                && snapshot.equals(f.snapshot) && Arrays.equals(signature, f.signature);
    }

    @Override
    public int hashCode() {
        return (zone.hashCode() * 31 + Long.hashCode(governorTerm)) * 31 + snapshot.hashCode();
    }

    @Override
    public String toString() {
        return "SignedField[zone=" + zone + ", term=" + governorTerm + ", epoch=" + snapshot.epoch() + "]";
    }
}
