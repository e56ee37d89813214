package org.sealpost.config;

/**
 * A configuration file that cannot be used. The message is {@code FILE:LINE: what is wrong} (or
 * {@code FILE: what is wrong} when no line applies, such as a missing file), the form compilers use,
 * so editors can jump to the line.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String problem;

  /** A problem on {@code line} (1-based) of {@code file}; line 0 means the file as a whole. */
  public ConfigException(String file, int line, String problem) {
    super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  /** The 1-based line, or 0 when the problem is not on one line. */
  public int line() {
    return line;
  }

  /** What is wrong, without the file and line. */
  public String problem() {
    return problem;
  }
}
