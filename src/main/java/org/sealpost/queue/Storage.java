package org.sealpost.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The file-system operations the spool's durability rests on, behind one seam so tests can make
 * any single step fail (chasquid's fault-injection idea) and prove that a failure keeps nothing.
 * {@link DiskStorage} is the only production implementation.
 */
interface Storage {

  /** Creates a new file for writing; fails if it exists. */
  FileChannel create(Path file) throws IOException;

  /** Writes every remaining byte of {@code bytes}. */
  void write(FileChannel channel, ByteBuffer bytes) throws IOException;

  /** Puts the file's data and size on stable storage (fsync). */
  void force(FileChannel channel) throws IOException;

  /**
   * Gives {@code existing} a second name {@code target} in one atomic step that fails with
   * {@link java.nio.file.FileAlreadyExistsException} instead of replacing anything (link(2)).
   */
  void link(Path existing, Path target) throws IOException;

  /** Renames atomically (rename(2)); both paths are in the spool, on one file system. */
  void rename(Path from, Path to) throws IOException;

  void delete(Path file) throws IOException;

  /** Puts the directory's entries (creations, renames, removals) on stable storage. */
  void syncDirectory(FileChannel directory) throws IOException;
}
