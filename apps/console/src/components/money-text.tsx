import { formatCredits } from '../money/money';

/** An amount as exact credits; the micro-credit integer is in the title for the accountant. */
export function Credits({ micro, signed }: { micro: string; signed?: boolean }) {
  const text = formatCredits(micro);
  const shown = signed && !text.startsWith('-') && micro !== '0' ? `+${text}` : text;
  return (
    <span className={`credits${micro.startsWith('-') ? ' negative' : ''}`} title={`${micro} micro-credits`}>
      {shown}
    </span>
  );
}
