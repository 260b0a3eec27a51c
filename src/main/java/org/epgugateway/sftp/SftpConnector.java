package org.epgugateway.sftp;

import java.io.IOException;
import java.time.Duration;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.Session;

/**
 * Opens SFTP channels to the configured server with strict host-key checking against the configured known-hosts
 * file only; the user's own {@code ~/.ssh/known_hosts} and SSH configuration are never read.
 */
public final class SftpConnector {

    private final SftpSettings settings;

    public SftpConnector(SftpSettings settings) {
        this.settings = settings;
    }

    /**
     * Connects, authenticates and opens an SFTP channel.
     *
     * @return a connected channel; the caller disconnects it and its session
     * @throws HostKeyRejectedException when the server's host key is not in the known-hosts file or differs from it
     * @throws IOException when the server cannot be reached or refuses the login
     */
    public ChannelSftp open() throws IOException {
        Session session = null;
        JSch jsch = new JSch();
        PresentedHostKey hostKey = null;
        try {
            // only the configured file: a fallback to the user's known_hosts would let any key someone once accepted
            // in an interactive session through
            jsch.setKnownHosts(settings.knownHostsFile().toString());
            hostKey = new PresentedHostKey(jsch.getHostKeyRepository());
            jsch.setHostKeyRepository(hostKey);
            session = session(jsch);
            session.connect(timeoutMillis(settings.connectTimeout()));
            ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
            channel.connect(timeoutMillis(settings.connectTimeout()));
            return channel;
        } catch (JSchHostKeyException e) {
            disconnect(session);
            throw hostKeyRejected(e, hostKey);
        } catch (JSchException e) {
            disconnect(session);
            throw new IOException("Cannot connect to " + settings.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the server's host key once, without keeping the connection.
     *
     * @throws HostKeyRejectedException when the key is unknown or changed
     * @throws IOException when the server cannot be reached or refuses the login
     */
    public void verifyHostKey() throws IOException {
        close(open());
    }

    /** Closes a channel and its session; tolerates a channel whose link is already gone. */
    public static void close(ChannelSftp channel) {
        if (channel == null) {
            return;
        }
        Session session = null;
        try {
            session = channel.getSession();
        } catch (JSchException e) {
            // the session is gone already; nothing left to close but the channel
        }
        channel.disconnect();
        disconnect(session);
    }

    /** The server as operators name it in logs. */
    public String describe() {
        return settings.describe();
    }

    private Session session(JSch jsch) throws JSchException {
        if (settings.usesKey()) {
            String passphrase = settings.privateKeyPassphrase();
            jsch.addIdentity(settings.privateKeyFile().toString(), passphrase.isEmpty() ? null : passphrase);
        }
        Session session = jsch.getSession(settings.user(), settings.host(), settings.port());
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", settings.preferredAuthentications());
        if (!settings.password().isEmpty()) {
            session.setPassword(settings.password());
        }
        session.setTimeout(timeoutMillis(settings.readTimeout()));
        return session;
    }

    private HostKeyRejectedException hostKeyRejected(JSchHostKeyException e, PresentedHostKey hostKey) {
        String what;
        if (e instanceof JSchChangedHostKeyException) {
            what = "has CHANGED since it was recorded in";
        } else if (e instanceof JSchUnknownHostKeyException) {
            what = "is not listed in";
        } else {
            what = "was rejected by";
        }
        String target = settings.port() == 22 ? settings.host() : "[" + settings.host() + "]:" + settings.port();
        return new HostKeyRejectedException("The SSH host key of " + settings.describe() + " " + what
                + " the known-hosts file " + settings.knownHostsFile() + " (sftp.known-hosts-file); refusing to "
                + "connect. The server presented: " + hostKey.describe() + " (" + oneLine(e.getMessage())
                + "). If the key is genuine, confirm its fingerprint with the server's owner and put the line for "
                + target + " into that file.", e);
    }

    private static String oneLine(String message) {
        return message == null ? "no details" : message.strip().replaceAll("\\s+", " ");
    }

    private static void disconnect(Session session) {
        if (session != null) {
            session.disconnect();
        }
    }

    private static int timeoutMillis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }
}
