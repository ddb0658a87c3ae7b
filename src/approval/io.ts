/**
 * Where the approval prompt reads and writes. Today it is the terminal the human is sitting at
 * (./tty-io.ts); the remote approval server will implement the same interface over its request
 * queue, so the approval flow (./approve-request.ts) does not change between local and remote
 * mode. There is deliberately no implementation that answers from flags or environment variables:
 * a human has to be on the other end.
 */
export interface ApprovalIO {
  /** Shows text as is (the caller adds newlines). */
  write(text: string): void;
  /** Shows the question and resolves with the typed line, echoed as typed. */
  ask(question: string): Promise<string>;
  /** Like ask(), but nothing typed is echoed (not even asterisks, which would reveal the length). */
  askSecret(question: string): Promise<string>;
}
