/**
 * Flat ZIP archives for upload and guarded extraction of answer archives.
 */
package org.epgugateway.archive;
