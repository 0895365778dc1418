/** The brand kit's logo as stored (SVGs arrive rasterised, so it is always a picture). */
export function BrandLogo({ src, className = "" }: { src: string; className?: string }) {
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={src} alt="Your logo" className={`object-contain ${className}`} />;
}
