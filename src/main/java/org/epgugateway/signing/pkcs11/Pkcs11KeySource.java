package org.epgugateway.signing.pkcs11;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a signing key on a PKCS#11 token is: the module, the token, the key and, optionally, a certificate file.
 *
 * <p>The JDK's SunPKCS11 provider knows no GOST mechanism, so the gateway calls the module directly. The token is
 * chosen by label, by slot id, or as the only token present; the key by label, by CKA_ID, or as the only private key.
 * The certificate is read from the token (the certificate object with the key's CKA_ID) unless a file is given.
 */
public final class Pkcs11KeySource {

    private final Path library;
    private final String tokenLabel;
    private final Long slot;
    private final String keyLabel;
    private final byte[] keyId;
    private final char[] pin;
    private final Path certificateFile;

    /**
     * @param library the PKCS#11 module (a {@code .so} or {@code .dll})
     * @param tokenLabel the label of the token; null or blank to choose by slot or take the only token
     * @param slot the slot id; null to choose by label or take the only token
     * @param keyLabel the CKA_LABEL of the private key; null or blank to choose by id or take the only key
     * @param keyIdHex the CKA_ID of the private key in hexadecimal; null or blank to choose by label
     * @param pin the user PIN, copied; never logged
     * @param certificateFile a PEM file with the key's certificate first; null to read it from the token
     */
    public Pkcs11KeySource(Path library, String tokenLabel, Long slot, String keyLabel, String keyIdHex, char[] pin,
            Path certificateFile) {
        this.library = Objects.requireNonNull(library, "library");
        this.tokenLabel = blankToNull(tokenLabel);
        this.slot = slot;
        this.keyLabel = blankToNull(keyLabel);
        this.keyId = blankToNull(keyIdHex) == null ? null : HexFormat.of().parseHex(keyIdHex.strip());
        this.pin = Objects.requireNonNull(pin, "pin").clone();
        this.certificateFile = certificateFile;
    }

    /**
     * Loads the module, logs in to the token and finds the key and its certificate.
     *
     * @return the key, with an open session; close it when done
     * @throws Pkcs11Exception when a PKCS#11 call fails, with the function and its CK_RV
     * @throws org.epgugateway.signing.KeySourceException when the token, key or certificate is not found
     */
    public Pkcs11Key open() {
        return Pkcs11Key.open(this);
    }

    Path library() {
        return library;
    }

    String tokenLabel() {
        return tokenLabel;
    }

    Long slot() {
        return slot;
    }

    String keyLabel() {
        return keyLabel;
    }

    byte[] keyId() {
        return keyId == null ? null : keyId.clone();
    }

    /** The PIN as UTF-8 bytes, a fresh copy the caller clears; never an immutable String. */
    byte[] pinBytes() {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pin));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    Path certificateFile() {
        return certificateFile;
    }

    /** Names where the key is; never the PIN. */
    @Override
    public String toString() {
        return "PKCS#11 module " + library + (tokenLabel != null ? ", token '" + tokenLabel + "'" : "")
                + (slot != null ? ", slot " + slot : "") + (keyLabel != null ? ", key '" + keyLabel + "'" : "")
                + (keyId != null ? ", key id " + HexFormat.of().formatHex(keyId) : "");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
