package org.epgugateway.sftp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;

/**
 * A known-hosts repository that leaves every decision to the wrapped one and remembers the host key the server
 * presented, so a refusal can name its type and fingerprint.
 */
final class PresentedHostKey implements HostKeyRepository {

    private final HostKeyRepository known;
    private volatile byte[] presented;

    PresentedHostKey(HostKeyRepository known) {
        this.known = known;
    }

    /**
     * The presented key as {@code <type> SHA256:<base64>}, or a note that none was seen.
     */
    String describe() {
        byte[] key = presented;
        if (key == null) {
            return "no host key was presented";
        }
        return type(key) + " key with fingerprint SHA256:" + Base64.getEncoder().withoutPadding()
                .encodeToString(sha256(key));
    }

    @Override
    public int check(String host, byte[] key) {
        presented = key.clone();
        return known.check(host, key);
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        known.add(hostkey, ui);
    }

    @Override
    public void remove(String host, String type) {
        known.remove(host, type);
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        known.remove(host, type, key);
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return known.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
        return known.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return known.getHostKey(host, type);
    }

    /** The algorithm name that starts an SSH public key blob. */
    private static String type(byte[] key) {
        if (key.length < 4) {
            return "unknown";
        }
        int length = ByteBuffer.wrap(key, 0, 4).getInt();
        if (length <= 0 || length > key.length - 4) {
            return "unknown";
        }
        return new String(key, 4, length, StandardCharsets.US_ASCII);
    }

    private static byte[] sha256(byte[] key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
