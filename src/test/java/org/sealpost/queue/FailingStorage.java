package org.sealpost.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Real storage that fails once armed, at a chosen step, as a full disk or a dying device would. */
final class FailingStorage implements Storage {

  enum Step {
    CREATE,
    WRITE,
    FORCE,
    LINK,
    RENAME,
    DELETE,
    SYNC_DIRECTORY
  }

  private final Storage disk = new DiskStorage();
  private volatile Step failing;

  void failAt(Step step) {
    failing = step;
  }

  void heal() {
    failing = null;
  }

  private void maybeFail(Step step) throws IOException {
    if (failing == step) {
      throw new IOException("injected failure at " + step);
    }
  }

  @Override
  public FileChannel create(Path file) throws IOException {
    maybeFail(Step.CREATE);
    return disk.create(file);
  }

  @Override
  public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
    maybeFail(Step.WRITE);
    disk.write(channel, bytes);
  }

  @Override
  public void force(FileChannel channel) throws IOException {
    maybeFail(Step.FORCE);
    disk.force(channel);
  }

  @Override
  public void link(Path existing, Path target) throws IOException {
    maybeFail(Step.LINK);
    disk.link(existing, target);
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    maybeFail(Step.RENAME);
    disk.rename(from, to);
  }

  @Override
  public void delete(Path file) throws IOException {
    maybeFail(Step.DELETE);
    disk.delete(file);
  }

  @Override
  public void syncDirectory(FileChannel directory) throws IOException {
    maybeFail(Step.SYNC_DIRECTORY);
    disk.syncDirectory(directory);
  }
}
