package org.epgugateway.sftp;

import java.io.IOException;

/**
 * The SFTP server showed a host key that the configured known-hosts file does not vouch for; the gateway does not
 * talk to it. Retrying does not help: an operator has to check the key.
 */
public final class HostKeyRejectedException extends IOException {

    public HostKeyRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
