package io.teg.grid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The site's Ed25519 key (RFC 8032, through {@code java.security}): the governor and the Slurm side sign field
 * snapshots and ledger orders with it, and every reader verifies with its public half. Hazelcast community edition has
 * no member authentication, so this signature is what keeps a rogue member or client from forging the field or
 * spending tokens. Immutable and thread-safe: each call makes its own {@link Signature}.
 *
 * <p>File format: one line, {@code ed25519-private <base64 PKCS#8> <base64 X.509>} (both halves) or
 * {@code ed25519-public <base64 X.509>}. Signatures are 64 bytes.
 */
public final class SiteKey {

    /** Length of an Ed25519 signature, bytes. */
    public static final int SIGNATURE_BYTES = 64;

    private static final String PRIVATE_TAG = "ed25519-private";
    private static final String PUBLIC_TAG = "ed25519-public";

    private final PublicKey publicKey;
    private final PrivateKey privateKey;

    private SiteKey(PublicKey publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** A fresh key pair drawn from {@code random}. */
    public static SiteKey generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(255, random);
            KeyPair p = g.generateKeyPair();
            return new SiteKey(p.getPublic(), p.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /**
     * Reads a key file written by {@link #writePrivate} or {@link #writePublic}.
     *
     * @throws IllegalArgumentException naming the file when it is missing or malformed
     */
    public static SiteKey read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the site key: " + e.getMessage(), e);
        }
        String line = lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + ": no key line (expected '" + PRIVATE_TAG
                        + " <base64>' or '" + PUBLIC_TAG + " <base64>')"));
        String[] parts = line.split("\\s+");
        boolean priv = parts[0].equals(PRIVATE_TAG);
        if (!(priv && parts.length == 3) && !(parts[0].equals(PUBLIC_TAG) && parts.length == 2))
            throw new IllegalArgumentException(file + ": expected '" + PRIVATE_TAG + " <base64 PKCS#8> <base64 X.509>' or '"
                    + PUBLIC_TAG + " <base64 X.509>', got " + parts.length + " fields starting '" + parts[0] + "'");
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            KeyFactory f = KeyFactory.getInstance("Ed25519");
            if (!priv) return new SiteKey(f.generatePublic(new X509EncodedKeySpec(b64.decode(parts[1]))), null);
            return new SiteKey(f.generatePublic(new X509EncodedKeySpec(b64.decode(parts[2]))),
                    f.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(parts[1]))));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": malformed " + parts[0] + " key: " + e.getMessage(), e);
        }
    }

    /** Writes the private key (and with it the public one) to {@code file}, readable by its owner only where possible. */
    public void writePrivate(Path file) throws IOException {
        if (privateKey == null) throw new IllegalStateException("this site key holds only the public half");
        Base64.Encoder b64 = Base64.getEncoder();
        Files.writeString(file, PRIVATE_TAG + " " + b64.encodeToString(privateKey.getEncoded()) + " "
                + b64.encodeToString(publicKey.getEncoded()) + "\n",
                StandardCharsets.US_ASCII);
    }

    /** Writes the public key to {@code file}, for members that only read. */
    public void writePublic(Path file) throws IOException {
        Files.writeString(file, PUBLIC_TAG + " " + Base64.getEncoder().encodeToString(publicKey.getEncoded()) + "\n",
                StandardCharsets.US_ASCII);
    }

    /** True when this key can sign (it holds the private half). */
    public boolean canSign() {
        return privateKey != null;
    }

    /** The 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        if (privateKey == null) throw new IllegalStateException("this site key holds only the public half; it cannot sign");
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** True when {@code signature} is this site's signature of {@code message}; false for any other bytes. */
    public boolean verifies(byte[] message, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_BYTES) return false;
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

}
