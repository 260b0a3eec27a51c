package org.epgugateway.epgu;

/**
 * One part of an archive upload.
 *
 * @param index 0-based position in the series
 * @param count number of parts; 1 for a single-part upload, which sends neither {@code chunk} nor {@code chunks}
 * @param offset first byte of the part within the archive
 * @param length number of bytes
 * @param fileName the file name sent with the part
 */
public record UploadPart(int index, int count, long offset, long length, String fileName) {

    public boolean isSingle() {
        return count == 1;
    }

    public boolean isLast() {
        return index == count - 1;
    }
}
