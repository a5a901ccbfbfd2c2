/** The Cancel / submit pair at the foot of every console form. */
export function FormActions({
  onCancel,
  submitLabel,
  disabled,
}: {
  onCancel: () => void;
  submitLabel: string;
  disabled: boolean;
}) {
  return (
    <div className="actions">
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" disabled={disabled}>
        {submitLabel}
      </button>
    </div>
  );
}
