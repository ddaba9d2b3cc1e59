import { icons } from '../../components/icons';
import { screens } from './screens';

export function Nav({ current, onSelect }: { current: string; onSelect: (id: string) => void }) {
  return (
    <nav className="nav" aria-label="Screens">
      {screens.map((screen) => (
        <button
          type="button"
          key={screen.id}
          className={`nav-item${screen.id === current ? ' active' : ''}`}
          aria-current={screen.id === current ? 'page' : undefined}
          data-testid={`shell.nav.${screen.id}`}
          onClick={() => onSelect(screen.id)}
          onPointerEnter={screen.prepare}
          onFocus={screen.prepare}
        >
          {icons[screen.icon]}
          <span>{screen.label}</span>
        </button>
      ))}
    </nav>
  );
}
