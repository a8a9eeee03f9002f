import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SidebarApp } from '../../components/sidebar/SidebarApp';
import { connectHostChannel } from '../../lib/ui/host-channel';
import '../../components/theme.css';
import '../../components/shared/ui.css';

// Listen for the hosting page's private port before the frame finishes loading (the host sends it on load).
connectHostChannel();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <SidebarApp />
    </StrictMode>,
  );
}
