package org.leakmarket.cli;

import org.leakmarket.common.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the code version ({@link Version}) as picocli asks for it. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"leakmarket " + Version.get()};
  }
}
