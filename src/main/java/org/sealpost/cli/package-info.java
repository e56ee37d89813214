/** The {@code sealpost} command line (picocli): one class per subcommand. */
@NullMarked
package org.sealpost.cli;

import org.jspecify.annotations.NullMarked;
