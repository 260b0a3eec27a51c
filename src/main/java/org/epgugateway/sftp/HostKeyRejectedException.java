package org.epgugateway.sftp;

import java.io.IOException;

/**
 * The SFTP server showed a host key that the configured known-hosts file does not vouch for, so the gateway does not
 * talk to it until an operator has checked the key.
 */
public final class HostKeyRejectedException extends IOException {

    public HostKeyRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
