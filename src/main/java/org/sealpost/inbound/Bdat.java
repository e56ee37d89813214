package org.sealpost.inbound;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import org.sealpost.smtp.BdatCommand;
import org.sealpost.smtp.ChunkedBody;
import org.sealpost.smtp.CommandParser;
import org.sealpost.smtp.DataResult;
import org.sealpost.smtp.Parsed;
import org.sealpost.smtp.Reply;

/**
 * BDAT (RFC 3030 CHUNKING). Every chunk is read in full whatever the verdict, because its size was
 * announced; a chunk that cannot be accepted is read, discarded and refused, so the session stays
 * in step.
 */
final class Bdat {

  private Bdat() {}

  static void handle(Session s, String argument) throws IOException {
    BdatCommand command;
    switch (CommandParser.bdat(argument)) {
      case Parsed.Invalid<BdatCommand> bad -> {
        // The chunk size is unknown, so the rest of the stream cannot be framed: close.
        s.goodbye(bad.reply());
        return;
      }
      case Parsed.Ok<BdatCommand> ok -> command = ok.value();
    }
    Transaction t = s.transaction;
    if (t == null || t.recipients.isEmpty() || t.chunkingFailed) {
      discard(s, command);
      if (t != null && t.chunkingFailed) {
        if (command.last()) {
          s.resetTransaction();
        }
        s.error(Reply.of(503, "5.5.1", "An earlier BDAT chunk failed; send RSET"));
      } else if (t == null) {
        s.error(Reply.of(503, "5.5.1", "Need MAIL and RCPT before BDAT"));
      } else {
        s.error(Reply.of(554, "5.5.1", "No valid recipients"));
      }
      return;
    }
    if (t.chunked == null) {
      try {
        t.chunked = MessageAcceptance.begin(s, t);
      } catch (IOException e) {
        discard(s, command);
        t.chunkingFailed = true;
        Spooling.refuse(s, e);
        return;
      }
      t.chunkedBody = new ChunkedBody(s.context.limits().maxMessageSize());
    }
    MessageAcceptance m = t.chunked;
    DataResult result = s.input().readChunk(command.size(), command.last(), t.chunkedBody, m.sink());
    if (command.last() || result instanceof DataResult.EndOfStream) {
      m.finish(result);
      return;
    }
    switch (result) {
      case DataResult.Complete c -> s.reply(Reply.of(250, "2.0.0", command.size() + " octets received"));
      case DataResult.TooBig big -> fail(s, t, big.reply());
      case DataResult.BareLineEnding bare -> fail(s, t, bare.reply());
      case DataResult.EndOfStream e -> throw new EOFException("connection closed during BDAT");
    }
  }

  private static void fail(Session s, Transaction t, Reply reply) throws IOException {
    t.abandon();
    t.chunkingFailed = true;
    s.error(reply);
  }

  private static void discard(Session s, BdatCommand command) throws IOException {
    DataResult r =
        s.input().readChunk(command.size(), command.last(), new ChunkedBody(Long.MAX_VALUE), OutputStream.nullOutputStream());
    if (r instanceof DataResult.EndOfStream) {
      throw new EOFException("connection closed during BDAT");
    }
  }
}
