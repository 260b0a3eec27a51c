package org.epgugateway.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SFTP server (Apache MINA SSHD) on 127.0.0.1 serving a test folder, with a generated host key, one user who
 * may log in with a password or a key, and faults on demand: the connection is cut at the moment a chosen file is
 * read, written or removed.
 */
public final class TestSftpServer implements AutoCloseable {

    public static final String USER = "backoffice";
    public static final String PASSWORD = "pa55-Word&(sec)ret";

    /** What the server is doing when a fault cuts the connection. */
    public enum Operation { READ, WRITE, REMOVE }

    private final Path root;
    private final KeyPair hostKey;
    private final int port;
    private final Map<Operation, Fault> armed = new ConcurrentHashMap<>();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile PublicKey authorizedKey;
    private SshServer server;

    private TestSftpServer(Path root, KeyPair hostKey, int port) {
        this.root = root;
        this.hostKey = hostKey;
        this.port = port;
    }

    /** A server on a free port that is not running yet; {@link #start()} starts it. */
    public static TestSftpServer prepare(Path root) {
        return new TestSftpServer(root, newKeyPair(), freePort());
    }

    /** A started server on a free port. */
    public static TestSftpServer start(Path root) {
        TestSftpServer server = prepare(root);
        server.start();
        return server;
    }

    /** A server on the same port and folder as this one but with another host key, not started. */
    public TestSftpServer impostor() {
        TestSftpServer other = new TestSftpServer(root, newKeyPair(), port);
        other.authorizedKey = authorizedKey;
        return other;
    }

    public synchronized void start() {
        try {
            Files.createDirectories(root.resolve("inbox"));
            SshServer ssh = SshServer.setUpDefaultServer();
            ssh.setHost("127.0.0.1");
            ssh.setPort(port);
            ssh.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            ssh.setPasswordAuthenticator((user, password, session) -> count(USER.equals(user)
                    && PASSWORD.equals(password)));
            ssh.setPublickeyAuthenticator((user, key, session) -> count(USER.equals(user) && authorizedKey != null
                    && KeyUtils.compareKeys(authorizedKey, key)));
            SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
            sftp.addSftpEventListener(new Faults());
            ssh.setSubsystemFactories(List.of(sftp));
            ssh.setFileSystemFactory(new VirtualFileSystemFactory(root));
            ssh.start();
            server = ssh;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server and drops every connection, as a server that goes away would. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return port;
    }

    public Path root() {
        return root;
    }

    public Path inbox() {
        return root.resolve("inbox");
    }

    public Path outbox() {
        return root.resolve("outbox");
    }

    public Path deadLetter() {
        return root.resolve("dead-letter");
    }

    /** How many connections were cut by armed faults. */
    public int cuts() {
        return cuts.get();
    }

    /** How many logins succeeded. */
    public int logins() {
        return logins.get();
    }

    /** Arms a fault: the next time a file whose name matches is in the given operation, the connection is cut. */
    public void cutOnce(Operation operation, Predicate<String> fileName) {
        cut(operation, fileName, 1);
    }

    /** Arms a fault that cuts the connection the next {@code times} times a matching file is in the operation. */
    public void cut(Operation operation, Predicate<String> fileName, int times) {
        armed.put(operation, new Fault(fileName, new AtomicInteger(times)));
    }

    public boolean armed(Operation operation) {
        return armed.containsKey(operation);
    }

    /** The known-hosts line for this server's key, as {@code ssh-keyscan -p port 127.0.0.1} prints it. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** The SHA-256 fingerprint of this server's host key, as {@code ssh-keygen -l} prints it. */
    public String fingerprint() {
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    /** Writes a known-hosts file that lists this server. */
    public Path writeKnownHosts(Path file) {
        return write(file, knownHostsLine() + "\n");
    }

    /**
     * Creates a key pair for the user, authorizes its public key and writes the private key in OpenSSH format.
     *
     * @param passphrase encrypts the key file when not null
     */
    public Path writeClientKey(Path file, String passphrase) {
        KeyPair pair = newKeyPair();
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
            encryption.setCipherMode("CTR");
            encryption.setPassword(passphrase);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "gateway@test", encryption, out);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the client key", e);
        }
        authorizedKey = pair.getPublic();
        return file;
    }

    /**
     * Puts a drop into the remote inbox as the producer contract asks: written as {@code <name>.part}, then renamed.
     */
    public void drop(String name, byte[] content) {
        try {
            Files.createDirectories(inbox());
            Path part = inbox().resolve(name + ".part");
            Files.write(part, content);
            Files.move(part, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean count(boolean accepted) {
        if (accepted) {
            logins.incrementAndGet();
        }
        return accepted;
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts the connection when an armed fault matches, before the server does the operation. */
    private final class Faults implements SftpEventListener {

        @Override
        public void reading(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                byte[] data, int dataOffset, int dataLen) throws IOException {
            cutIfArmed(Operation.READ, session, localHandle.getFile());
        }

        @Override
        public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                byte[] data, int dataOffset, int dataLen) throws IOException {
            cutIfArmed(Operation.WRITE, session, localHandle.getFile());
        }

        @Override
        public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
            cutIfArmed(Operation.REMOVE, session, path);
        }

        private void cutIfArmed(Operation operation, ServerSession session, Path file) throws IOException {
            Fault fault = armed.get(operation);
            if (fault == null || file.getFileName() == null || !fault.match().test(file.getFileName().toString())) {
                return;
            }
            int left = fault.remaining().decrementAndGet();
            if (left <= 0) {
                armed.remove(operation, fault);
            }
            if (left >= 0) {
                cuts.incrementAndGet();
                session.close(true);
                throw new IOException("connection cut by the test during " + operation);
            }
        }
    }

    private record Fault(Predicate<String> match, AtomicInteger remaining) {
    }
}
