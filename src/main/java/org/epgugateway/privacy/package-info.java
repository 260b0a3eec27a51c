/**
 * Keeps secrets and personal data out of logs and error files: registered secrets and recognisable personal data
 * are masked wherever text leaves the gateway for people to read.
 */
package org.epgugateway.privacy;
