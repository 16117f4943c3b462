import Image from 'next/image';

/** The Gatehouse mark and name. The mark is decoration: the name next to it is the text that counts. */
export function Logo({ size = 24, className = '' }: { size?: number; className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 ${className}`}>
      <Image src="/logo.svg" alt="" width={size} height={size} unoptimized />
      Gatehouse
    </span>
  );
}
