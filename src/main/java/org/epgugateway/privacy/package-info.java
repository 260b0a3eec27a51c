/**
 * Keeps secrets and personal data out of logs and error files: registered secrets and recognisable personal data
 * are masked wherever text leaves the gateway for people to read; the gateway's own folders holding personal data
 * are readable by its user only.
 */
package org.epgugateway.privacy;
