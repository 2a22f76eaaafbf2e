/** A question the model could not answer, said where its answer would be (and announced). */
export function PanelError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="panel-error" role="alert">
      {message}
    </p>
  );
}
