package org.sealpost.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A one-way in-memory byte pipe whose reader sees {@code available()} like a socket's. */
final class MemoryPipe {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private byte[] buf = new byte[8192];
  private int start;
  private int end;
  private boolean closed;

  final InputStream in =
      new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (len == 0) {
            return 0;
          }
          lock.lock();
          try {
            while (start == end && !closed) {
              changed.await();
            }
            if (start == end) {
              return -1;
            }
            int n = Math.min(len, end - start);
            System.arraycopy(buf, start, b, off, n);
            start += n;
            return n;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
          } finally {
            lock.unlock();
          }
        }

        @Override
        public int available() {
          lock.lock();
          try {
            return end - start;
          } finally {
            lock.unlock();
          }
        }

        @Override
        public void close() {
          MemoryPipe.this.close();
        }
      };

  final OutputStream out =
      new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          lock.lock();
          try {
            if (closed) {
              throw new IOException("pipe closed");
            }
            if (end + len > buf.length) {
              byte[] bigger = new byte[Math.max(buf.length * 2, end - start + len)];
              System.arraycopy(buf, start, bigger, 0, end - start);
              end -= start;
              start = 0;
              buf = bigger;
            }
            System.arraycopy(b, off, buf, end, len);
            end += len;
            changed.signalAll();
          } finally {
            lock.unlock();
          }
        }

        @Override
        public void close() {
          MemoryPipe.this.close();
        }
      };

  void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
