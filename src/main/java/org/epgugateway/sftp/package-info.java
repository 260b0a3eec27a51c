/**
 * SFTP as a transport of the folder contract: settings, connections with strict host-key checking, and the outbox
 * and dead-letter folder on a remote server.
 */
package org.epgugateway.sftp;
