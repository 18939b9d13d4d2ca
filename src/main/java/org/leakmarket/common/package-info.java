/**
 * What every layer may import: the user-error exception with its exit codes and the code version.
 * Imports nothing of the project.
 */
package org.leakmarket.common;
