package org.epgugateway.epgu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.hc.client5.http.entity.mime.AbstractContentBody;
import org.apache.hc.core5.http.ContentType;

/**
 * A multipart file body that streams a region of a file, so parts of a large archive are never held in memory and
 * are sent with a known length.
 */
final class FileRegionBody extends AbstractContentBody {

    private final Path file;
    private final long offset;
    private final long length;
    private final String fileName;

    FileRegionBody(Path file, long offset, long length, String fileName, ContentType contentType) {
        super(contentType);
        this.file = file;
        this.offset = offset;
        this.length = length;
        this.fileName = fileName;
    }

    @Override
    public String getFilename() {
        return fileName;
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(offset);
            InputStream in = Channels.newInputStream(channel);
            byte[] buffer = new byte[64 * 1024];
            long remaining = length;
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    throw new IOException("The archive " + file + " is shorter than the planned parts");
                }
                out.write(buffer, 0, read);
                remaining -= read;
            }
        }
    }
}
